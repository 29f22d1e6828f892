import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../support.ts";
import { tabTo } from "./portal.ts";

test.use({ viewport: { width: 1280, height: 800 } });

test("a pro signs in, opens a ticket and answers in it with the keyboard alone", async ({ page }) => {
  await page.goto("/login");
  // The e-mail field has the focus on arrival.
  await expect(page.getByLabel("Adresse e-mail")).toBeFocused();
  await page.keyboard.type("pro1@demo.local");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Mot de passe")).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/messagerie$/);

  const newButton = page.getByRole("button", { name: "Nouvelle conversation" });
  await tabTo(page, newButton);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Nouvelle conversation" });
  await expect(dialog.getByRole("textbox", { name: "Sujet" })).toBeFocused();
  const subject = "Clavier seulement";
  await page.keyboard.type(subject);
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("textbox", { name: "Message" })).toBeFocused();
  await page.keyboard.type("Premier message, écrit sans souris.");
  await page.keyboard.press("Control+Enter");

  await expect(page.getByRole("heading", { level: 2, name: subject })).toBeVisible();
  const thread = page.getByRole("list", { name: "Messages" });
  await expect(thread.getByText("Premier message, écrit sans souris.")).toBeVisible();

  // The reply field is reachable by Tab; Ctrl+Enter sends; the field empties and keeps the focus.
  const reply = page.getByRole("textbox", { name: "Votre message" });
  await tabTo(page, reply);
  await page.keyboard.type("Et une précision,");
  await page.keyboard.press("Enter");
  await page.keyboard.type("sur deux lignes.");
  await page.keyboard.press("Control+Enter");
  await expect(thread.getByText(/Et une précision,\s+sur deux lignes\./)).toBeVisible();
  await expect(reply).toHaveValue("");
  await expect(reply).toBeFocused();

  // An empty message is refused where the user can hear it (aria-invalid + the helper text).
  await page.keyboard.press("Control+Enter");
  await expect(reply).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Le message ne peut pas être vide.")).toBeVisible();

  // The send button is a keyboard stop too.
  await page.keyboard.type("Par le bouton.");
  await tabTo(page, page.getByRole("button", { name: "Envoyer" }));
  await page.keyboard.press("Enter");
  await expect(thread.getByText("Par le bouton.")).toBeVisible();
});
