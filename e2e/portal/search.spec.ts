import { expect, test } from "@playwright/test";
import { loginInPortal, openTicket } from "./portal.ts";

test.use({ viewport: { width: 1280, height: 800 } });

test("a pro searches without accents and finds his ticket, and only his", async ({ page, request }) => {
  const tag = `r${Date.now().toString(36)}`;
  await openTicket(request, "pro1@demo.local", `Échéancier du règlement ${tag}`);
  await openTicket(request, "pro2@demo.local", `Règlement de Sophie ${tag}`);

  await loginInPortal(page, "pro1@demo.local");
  await page.getByRole("searchbox", { name: "Rechercher dans mes conversations" }).fill(`reglement ${tag}`);
  const list = page.getByRole("list", { name: "Conversations" });
  await expect(list.getByRole("link")).toHaveCount(1);
  const row = list.getByRole("link").first();
  await expect(row).toContainText(`Échéancier du règlement ${tag}`);
  await expect(row.locator("mark").first()).toHaveText(/règlement/i);
  await expect(list).not.toContainText("Sophie");
});
