import { expect, test } from "@playwright/test";
import { loginInPortal } from "../portal/portal.ts";
import { loginInAdmin, searchList, uniqueTag } from "./admin.ts";

test.use({ viewport: { width: 1440, height: 900 } });

test("an admin assigns a ticket to himself, finds it under Mes tickets, and writes a note the pro — signed in meanwhile — never sees", async ({ browser }) => {
  const tag = uniqueTag();
  const subject = `Synchronisation bloquée ${tag}`;
  const note = `Note interne ${tag} : client en retard de paiement`;
  const proContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const proPage = await proContext.newPage();
  const adminPage = await adminContext.newPage();
  try {
    // The pro opens a ticket in the Technique category and stays on its thread.
    await loginInPortal(proPage, "pro1@demo.local");
    await proPage.getByRole("button", { name: "Nouvelle conversation" }).click();
    const dialog = proPage.getByRole("dialog", { name: "Nouvelle conversation" });
    await dialog.getByRole("textbox", { name: "Sujet" }).fill(subject);
    await dialog.getByRole("combobox", { name: /Catégorie/ }).click();
    await proPage.getByRole("option", { name: "Technique" }).click();
    await dialog.getByRole("textbox", { name: "Message" }).fill("Mes rendez-vous ne se synchronisent plus depuis ce matin.");
    await dialog.getByRole("button", { name: "Envoyer" }).click();
    await expect(proPage.getByRole("heading", { level: 2, name: subject })).toBeVisible();
    await expect(proPage.getByText("Technique", { exact: true })).toBeVisible();

    // The admin finds it unassigned, assigns it to himself from the list, and finds it under "Mes tickets".
    await loginInAdmin(adminPage);
    await searchList(adminPage, tag);
    const row = adminPage.getByRole("row").filter({ hasText: subject });
    await expect(row).toContainText("Non assigné");
    await expect(row).toContainText("Technique");
    await row.getByRole("checkbox").check();
    await adminPage.getByRole("button", { name: "Assigner" }).click();
    await adminPage.getByRole("menuitem", { name: "M'assigner" }).click();
    await expect(row).toContainText("Alice Martin");
    await adminPage.getByRole("tab", { name: /^Mes tickets/ }).click();
    await expect(adminPage.getByRole("tab", { name: /^Mes tickets/, selected: true })).toBeVisible();
    await expect(row).toBeVisible();

    // On the ticket, an internal note: marked as such before and after saving.
    await row.getByText(subject).click();
    await adminPage.getByRole("button", { name: "Note interne" }).click();
    await expect(adminPage.getByText(/le professionnel ne la verra pas/)).toBeVisible();
    await adminPage.getByRole("textbox", { name: /Votre note interne/ }).fill(note);
    await adminPage.getByRole("button", { name: "Enregistrer la note" }).click();
    const thread = adminPage.getByRole("list", { name: "Messages" });
    await expect(thread.getByRole("listitem", { name: /Note interne de Alice Martin/ })).toContainText(note);

    // Then a public reply, which the pro does receive: the note, before it, never reached him.
    await adminPage.getByRole("button", { name: "Réponse", exact: true }).click();
    await adminPage.getByRole("textbox", { name: /Votre réponse/ }).fill(`Réponse publique ${tag}`);
    await adminPage.getByRole("button", { name: "Envoyer" }).click();
    const proThread = proPage.getByRole("list", { name: "Messages" });
    await expect(proThread.getByText(`Réponse publique ${tag}`)).toBeVisible({ timeout: 10_000 });
    await expect(proPage.getByText(note)).toHaveCount(0);
    await proPage.reload();
    await expect(proThread.getByText(`Réponse publique ${tag}`)).toBeVisible();
    await expect(proPage.getByText(/Suivi par Alice Martin/)).toBeVisible();
    await expect(proPage.getByText(note)).toHaveCount(0);
    await expect(proPage.getByText(/Note interne/)).toHaveCount(0);
  } finally {
    await proContext.close();
    await adminContext.close();
  }
});
