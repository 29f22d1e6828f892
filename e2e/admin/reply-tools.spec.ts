import { expect, test } from "@playwright/test";
import { apiLogin } from "../support.ts";
import { apiJson, loginInAdmin, searchList, ticketFromPro, ticketsMenu, uniqueTag } from "./admin.ts";

test.use({ viewport: { width: 1440, height: 900 } });

test("an admin inserts a template by its shortcut and from the picker, and a draft survives navigation", async ({ page, request }) => {
  const tag = uniqueTag();
  const ticket = await ticketFromPro(request, "pro1@demo.local", `Facture en double ${tag}`);
  await loginInAdmin(page);
  await expect(ticketsMenu(page)).toBeVisible();
  await page.goto(`/admin/conversations/${ticket.id}/show`);
  const reply = page.getByRole("textbox", { name: "Votre réponse" });

  // "/recu " at the start of the reply becomes the filled template: the pro's first name, the ticket's subject.
  await reply.fill("/recu ");
  await expect(reply).toHaveValue(new RegExp(`^Bonjour Paul,[\\s\\S]*« Facture en double ${tag} » \\(ticket n° ${ticket.id}\\)`));
  // The picker appends another one after it; the text stays editable.
  await page.getByRole("button", { name: "Réponses types" }).click();
  await page.getByRole("combobox", { name: "Chercher une réponse type" }).fill("Facture renvoyée");
  await page.getByRole("option", { name: /Facture renvoyée/ }).click();
  await expect(reply).toHaveValue(/Votre facture est de nouveau disponible[\s\S]*Alice$/);
  await reply.press("End");
  await reply.pressSequentially(" (brouillon)");

  // Leaving the ticket and coming back, the draft is there; sending clears it.
  await page.getByRole("menuitem", { name: /^Tickets/ }).click();
  await page.goto(`/admin/conversations/${ticket.id}/show`);
  await expect(reply).toHaveValue(/Alice \(brouillon\)$/);
  await reply.press("Control+Enter");
  await expect(page.getByText("Message envoyé")).toBeVisible();
  await expect(reply).toHaveValue("");
  await page.reload();
  await expect(reply).toHaveValue("");
});

test("keyboard: j and k move through the list, Entrée opens, r and n focus the reply and the note, ? lists them", async ({ page, request }) => {
  const tag = uniqueTag();
  const older = await ticketFromPro(request, "pro1@demo.local", `Clavier A ${tag}`);
  await ticketFromPro(request, "pro2@demo.local", `Clavier B ${tag}`);
  await loginInAdmin(page);
  await searchList(page, tag);
  await expect(page.getByRole("row")).toHaveCount(3); // the header and two tickets
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/conversations/${older.id}/show`));
  await expect(page.getByRole("textbox", { name: "Votre réponse" })).toBeVisible();
  // Settled: the ticket loaded and was marked read (no request under way).
  await expect(page.getByRole("progressbar")).toHaveCount(0);

  await page.keyboard.press("n");
  await expect(page.getByRole("textbox", { name: "Votre note interne" })).toBeFocused();
  // A shortcut typed in a field is just text.
  await page.keyboard.type("r?");
  await expect(page.getByRole("textbox", { name: "Votre note interne" })).toHaveValue("r?");
  await page.getByRole("textbox", { name: "Votre note interne" }).fill("");
  await page.locator("h1").click();
  await page.keyboard.press("r");
  await expect(page.getByRole("textbox", { name: "Votre réponse" })).toBeFocused();
  await page.locator("h1").click();
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Raccourcis clavier" })).toContainText("Ticket suivant");
});

test("an admin sees that another admin is on the ticket, then typing, and no longer once he leaves", async ({ browser, request }) => {
  const tag = uniqueTag();
  const ticket = await ticketFromPro(request, "pro2@demo.local", `Présence ${tag}`);
  const admin = await apiLogin(request, "admin@demo.local");
  const email = `collegue.${tag}@demo.local`;
  const password = "Collegue-du-support-2026";
  await apiJson(request, "POST", "/api/users", admin, { email, name: "Bruno Collègue", role: "ADMIN", password });
  const [alice, bruno] = [await browser.newContext(), await browser.newContext()];
  try {
    const alicePage = await alice.newPage();
    const brunoPage = await bruno.newPage();
    await loginInAdmin(alicePage);
    await loginInAdmin(brunoPage, email, password);
    await expect(ticketsMenu(alicePage)).toBeVisible();
    await expect(ticketsMenu(brunoPage)).toBeVisible();
    await alicePage.goto(`/admin/conversations/${ticket.id}/show`);
    await brunoPage.goto(`/admin/conversations/${ticket.id}/show`);
    await expect(alicePage.getByRole("status").filter({ hasText: "Bruno Collègue consulte ce ticket" })).toBeVisible();
    await brunoPage.getByRole("textbox", { name: "Votre réponse" }).pressSequentially("Je m'en occupe");
    await expect(alicePage.getByRole("status").filter({ hasText: "Bruno Collègue est en train d'écrire…" })).toBeVisible();
    // Bruno leaves: Alice is told at once.
    await brunoPage.goto("/admin/conversations");
    await expect(alicePage.getByText(/Bruno Collègue/)).toHaveCount(0);
  } finally {
    await alice.close();
    await bruno.close();
  }
});
