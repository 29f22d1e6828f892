import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { loginInAdmin, ticketsMenu } from "./admin/admin.ts";
import { loginInPortal } from "./portal/portal.ts";
import { freePort, startServer } from "./server.ts";
import { apiLogin } from "./support.ts";

test.use({ viewport: { width: 1280, height: 800 } });

/**
 * The server itself stopped, then started again on the same port and data: a server of this test's own, since the
 * other tests share theirs. Both apps say the connection is lost while it is down, and by themselves no longer once
 * it is back, with what happened since shown without a reload.
 */
test("both apps say the server is gone while it is stopped, and carry on by themselves once it is back", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "messagerie-outage-"));
  const port = await freePort();
  let server = await startServer({ port, dataDir, quiet: true });
  const [pro, admin] = [await browser.newContext({ baseURL: server.baseURL }), await browser.newContext({ baseURL: server.baseURL })];
  try {
    const portal = await pro.newPage();
    await loginInPortal(portal, "pro1@demo.local");
    const consolePage = await admin.newPage();
    await loginInAdmin(consolePage);
    await expect(ticketsMenu(consolePage)).toBeVisible();
    const banners = [portal, consolePage].map((page) => page.getByRole("status").filter({ hasText: "Connexion perdue — nouvelle tentative…" }));
    for (const banner of banners) await expect(banner).toHaveCount(0);

    await server.stop();
    for (const banner of banners) await expect(banner).toBeVisible({ timeout: 20_000 });

    server = await startServer({ port, dataDir, quiet: true });
    for (const banner of banners) await expect(banner).toBeHidden({ timeout: 40_000 });

    // Live again: a ticket opened by the pro now shows in the console's list without a reload.
    const subject = `Après la panne ${Date.now().toString(36)}`;
    const headers = await apiLogin(request, "pro1@demo.local", server.baseURL);
    const opened = await request.post(`${server.baseURL}/api/messaging/conversations`, { headers, data: { subject, content: "Le serveur est revenu." } });
    expect(opened.ok()).toBe(true);
    await expect(consolePage.getByRole("row").filter({ hasText: subject })).toBeVisible({ timeout: 15_000 });
    await expect(portal.getByRole("list", { name: "Conversations" }).getByRole("link", { name: subject })).toBeVisible({ timeout: 15_000 });
  } finally {
    await pro.close();
    await admin.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
