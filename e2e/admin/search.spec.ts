import { expect, test } from "@playwright/test";
import { apiLogin } from "../support.ts";
import { apiJson, loginInAdmin, searchList, ticketFromPro, uniqueTag } from "./admin.ts";

test.use({ viewport: { width: 1440, height: 900 } });

test("an admin searches without accents, sees what matched, opens the result and lands on the message", async ({ page, request }) => {
  const tag = uniqueTag();
  const pro = await apiLogin(request, "pro2@demo.local");
  const ticket = await ticketFromPro(request, "pro2@demo.local", `Long échange ${tag}`);
  for (let i = 1; i <= 25; i++) {
    const content = i === 3 ? `Le règlement ${tag} est parti par virement hier.` : `Message de suivi numéro ${i}.`;
    await apiJson(request, "POST", `/api/messaging/conversations/${ticket.id}/messages`, pro, { content });
  }

  await loginInAdmin(page);
  await searchList(page, `reglement ${tag}`);
  const row = page.getByRole("row").filter({ hasText: `Long échange ${tag}` });
  await expect(row).toHaveCount(1);
  await expect(row.locator("mark").first()).toHaveText(/règlement/i);

  await row.getByText(`Long échange ${tag}`).click();
  await expect(page).toHaveURL(/\?message=\d+/);
  const target = page.locator('[aria-current="true"]');
  await expect(target).toContainText(`Le règlement ${tag}`);
  await expect(target).toBeInViewport();
});
