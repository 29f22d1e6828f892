import { expect, test } from "@playwright/test";
import { apiLogin } from "../support.ts";
import { loginInAdmin } from "./admin.ts";

test("an admin turns his notification emails off and on from the user menu, and opens the list of emails sent", async ({ page, request }) => {
  const headers = await apiLogin(request, "admin@demo.local");
  const emailsOn = async () => ((await (await request.get("/api/auth/me/preferences", { headers })).json()) as { emailNotifications: boolean }).emailNotifications;
  expect(await emailsOn()).toBe(true);

  await loginInAdmin(page);
  await page.getByRole("button", { name: "Profil" }).click();
  const toggle = page.getByRole("menuitemcheckbox", { name: /E-mails de notification/ });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await toggle.click();
  await expect(page.getByText("Vous ne recevrez plus les e-mails de notification.")).toBeVisible();
  await expect.poll(emailsOn).toBe(false);
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Profil" }).click();
  await page.getByRole("menuitemcheckbox", { name: /E-mails de notification/ }).click();
  await expect.poll(emailsOn).toBe(true);
  await page.keyboard.press("Escape");

  await page.getByRole("menuitem", { name: "E-mails envoyés" }).click();
  await expect(page).toHaveURL(/\/admin\/notifications/);
  await expect(page.getByRole("combobox", { name: "État" })).toBeVisible();
  // The demo's: the invoice's reply, emailed to Paul Durand.
  const sent = page.getByRole("row").filter({ hasText: "Facture de septembre introuvable" });
  await expect(sent).toContainText("Paul Durand");
  await expect(sent).toContainText("Envoyé");
});
