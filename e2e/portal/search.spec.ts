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

test("a pro typing a new subject is offered his open conversation about it, and continues it", async ({ page, request }) => {
  const tag = `s${Date.now().toString(36)}`;
  await openTicket(request, "pro1@demo.local", `Attestation fiscale ${tag}`);
  await openTicket(request, "pro2@demo.local", `Attestation de Sophie ${tag}`);

  await loginInPortal(page, "pro1@demo.local");
  await page.getByRole("button", { name: "Nouvelle conversation" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Nouvelle conversation" });
  await dialog.getByRole("textbox", { name: /Sujet/ }).fill(`Encore mon attestation ${tag}`);
  const offer = dialog.getByRole("status");
  await expect(offer).toContainText("Vous avez déjà une conversation ouverte à ce sujet");
  await expect(offer).toContainText(`Attestation fiscale ${tag}`);
  await expect(offer).not.toContainText("Sophie");
  await offer.getByRole("button", { name: "Continuer cette conversation" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 2, name: `Attestation fiscale ${tag}` })).toBeVisible();
});

test("a typo in a subject still finds the ticket, and the list says what it searched", async ({ page, request }) => {
  const tag = `t${Date.now().toString(36)}`;
  await openTicket(request, "pro1@demo.local", `Remboursement ${tag}`);

  await loginInPortal(page, "pro1@demo.local");
  await page.getByRole("searchbox", { name: "Rechercher dans mes conversations" }).fill("Rembousement");
  await expect(page.getByRole("status").filter({ hasText: "Aucun résultat pour « Rembousement »" })).toContainText("« remboursement »");
  await expect(page.getByRole("list", { name: "Conversations" }).getByRole("link").first()).toContainText(`Remboursement ${tag}`);
});

test("on a desktop, the search field stays inside the list's column", async ({ page }) => {
  await loginInPortal(page, "pro1@demo.local");
  const list = page.getByRole("list", { name: "Conversations" });
  await expect(list).toBeVisible();
  const field = await page.getByRole("searchbox", { name: "Rechercher dans mes conversations" }).locator("xpath=ancestor::div[contains(@class,'MuiTextField-root')]").boundingBox();
  const column = await list.boundingBox();
  expect(field && column && field.x >= column.x && field.x + field.width <= column.x + column.width).toBe(true);
});
