import { expect, test } from "@playwright/test";
import { loginInAdmin, ticketsMenu } from "./admin/admin.ts";
import { loginInPortal } from "./portal/portal.ts";

test.use({ viewport: { width: 1280, height: 800 } });

/** The event stream cut as by a network loss, then let through again: each app says it, then says nothing. */
for (const app of ["portal", "console"] as const) {
  test(`the ${app} shows a banner while the server cannot be reached, gone once it is back`, async ({ page }) => {
    if (app === "portal") await loginInPortal(page, "pro1@demo.local");
    else {
      await loginInAdmin(page);
      await expect(ticketsMenu(page)).toBeVisible();
    }
    const banner = page.getByRole("status").filter({ hasText: "Connexion perdue — nouvelle tentative…" });
    await expect(banner).toHaveCount(0);
    await page.route("**/api/messaging/events", (route) => route.abort("connectionrefused"));
    // A stream that is open stays open: reloading the screen makes it connect again, and fail.
    await page.reload();
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await page.unroute("**/api/messaging/events");
    await expect(banner).toBeHidden({ timeout: 30_000 });
  });
}
