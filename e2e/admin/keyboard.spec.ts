import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../support.ts";
import { ticketFromPro, uniqueTag } from "./admin.ts";

test.use({ viewport: { width: 1440, height: 900 } });

/** Presses Tab until `target` has the focus (a person tabbing through the page). */
async function tabTo(page: Page, target: Locator, maxPresses = 60) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`not reached with ${maxPresses} presses of Tab`);
}

test("an admin signs in, finds a ticket, answers and closes it with the keyboard alone", async ({ page, request }) => {
  const tag = uniqueTag();
  const subject = `Sans souris ${tag}`;
  await ticketFromPro(request, "pro2@demo.local", subject);

  await page.goto("/admin/conversations");
  const email = page.getByLabel("E-mail");
  await tabTo(page, email);
  await page.keyboard.type("admin@demo.local");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("textbox", { name: "Mot de passe" })).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");

  // The list's search box, then on by Tab to the ticket's subject, a link.
  const search = page.getByPlaceholder("Rechercher");
  await tabTo(page, search);
  await page.keyboard.type(tag);
  await expect(page).toHaveURL(new RegExp(tag));
  await expect(page.getByRole("row")).toHaveCount(2); // the header and the ticket
  await tabTo(page, page.getByRole("row").nth(1).getByRole("link", { name: subject }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveCount(0);

  // r focuses the reply; Ctrl+Entrée sends it.
  await page.keyboard.press("r");
  const reply = page.getByRole("textbox", { name: "Votre réponse" });
  await expect(reply).toBeFocused();
  await page.keyboard.type("Réponse écrite au clavier.");
  await page.keyboard.press("Control+Enter");
  const thread = page.getByRole("list", { name: "Messages" });
  await expect(thread.getByText("Réponse écrite au clavier.")).toBeVisible();
  await expect(reply).toHaveValue("");

  // The close button is a keyboard stop; the ticket says it is closed.
  const close = page.getByRole("button", { name: "Fermer", exact: true });
  await tabTo(page, close);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Rouvrir", exact: true })).toBeVisible();
});
