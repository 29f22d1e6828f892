import { expect, test } from "@playwright/test";
import { apiLogin } from "../support.ts";
import { TEST_POLL_MS, apiJson, fastBadge, loginInPortal, messagerieTab, openTicket, readAll, settledScreenshot } from "./portal.ts";

test.use({ viewport: { width: 1280, height: 800 } });

test("pro1 opens a ticket, sees an admin's reply on the badge within one poll, and reading it clears the badge", async ({ page, request }) => {
  await readAll(request, "pro1@demo.local");
  await fastBadge(page);
  await loginInPortal(page, "pro1@demo.local");
  await expect(messagerieTab(page)).toHaveAccessibleName(/aucun message non lu/);

  // pro1 opens a ticket from the "Nouvelle conversation" dialog; the new thread opens.
  const subject = "Mon agenda ne se synchronise plus";
  await page.getByRole("button", { name: "Nouvelle conversation" }).click();
  const dialog = page.getByRole("dialog", { name: "Nouvelle conversation" });
  await dialog.getByRole("textbox", { name: "Sujet" }).fill(subject);
  await dialog.getByRole("textbox", { name: "Message" }).fill("Depuis hier, mes rendez-vous n'apparaissent plus dans Google Agenda.");
  await dialog.getByRole("button", { name: "Envoyer" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/messagerie\/\d+$/);
  await expect(page.getByRole("heading", { level: 2, name: subject })).toBeVisible();
  const thread = page.getByRole("list", { name: "Messages" });
  await expect(thread.getByRole("listitem").filter({ hasText: "Depuis hier" }).getByRole("img", { name: "Envoyé" })).toBeVisible();
  const id = Number(new URL(page.url()).pathname.split("/").pop());

  // Back to the list, then an admin reads and answers through the API.
  await messagerieTab(page).click();
  await expect(page).toHaveURL(/\/messagerie$/);
  const admin = await apiLogin(request, "admin@demo.local");
  await apiJson(request, "PATCH", `/api/messaging/conversations/${id}/read`, admin);
  await apiJson(request, "POST", `/api/messaging/conversations/${id}/messages`, admin, {
    content: "Bonjour, nous avons relancé la synchronisation : vos rendez-vous réapparaissent d'ici quelques minutes.",
  });

  // Within one poll (plus the request's own time) the badge says 1, and the list shows which conversation.
  await expect(messagerieTab(page)).toHaveAccessibleName(/1 message non lu/, { timeout: TEST_POLL_MS * 3 });
  const row = page.getByRole("list", { name: "Conversations" }).getByRole("link", { name: subject });
  await expect(row).toHaveAccessibleName(/1 message non lu/);
  await settledScreenshot(page, "portal-desktop-unread");

  // Opening the thread reads it: the badge returns to 0 at once, without waiting for the next poll.
  const markedRead = page.waitForResponse((res) => res.request().method() === "PATCH" && res.url().endsWith(`/conversations/${id}/read`));
  await row.click();
  await expect(thread.getByText("nous avons relancé la synchronisation")).toBeVisible();
  expect((await markedRead).ok()).toBe(true);
  await expect(messagerieTab(page)).toHaveAccessibleName(/aucun message non lu/, { timeout: TEST_POLL_MS });
  await expect(row).not.toHaveAccessibleName(/non lu/);
  // The admin read pro1's message: its mark is now "Lu".
  await expect(thread.getByRole("listitem").filter({ hasText: "Depuis hier" }).getByRole("img", { name: /^Lu/ })).toBeVisible();
  await expect(thread.getByRole("listitem").filter({ hasText: "relancé" })).toContainText("Alice Martin");
  await settledScreenshot(page, "portal-desktop");
});

test("a reply arriving while the thread is open shows up within a poll and is read at once", async ({ page, request }) => {
  const ticket = await openTicket(request, "pro1@demo.local", "Le thread reste ouvert");
  await readAll(request, "pro1@demo.local");
  await fastBadge(page);
  await loginInPortal(page, "pro1@demo.local");
  await page.getByRole("link", { name: ticket.subject }).click();
  await expect(page.getByRole("heading", { level: 2, name: ticket.subject })).toBeVisible();

  const admin = await apiLogin(request, "admin@demo.local");
  await apiJson(request, "POST", `/api/messaging/conversations/${ticket.id}/messages`, admin, { content: "Réponse pendant la lecture." });

  await expect(page.getByRole("list", { name: "Messages" }).getByText("Réponse pendant la lecture.")).toBeVisible({ timeout: TEST_POLL_MS * 3 });
  await expect(messagerieTab(page)).toHaveAccessibleName(/aucun message non lu/);
  const unread = await apiJson<{ count: number }>(request, "GET", "/api/messaging/unread-count", await apiLogin(request, "pro1@demo.local"));
  expect(unread.count).toBe(0);
});

test("a closed conversation says so, and writing in it reopens it", async ({ page, request }) => {
  await loginInPortal(page, "pro1@demo.local");
  const subject = "Question sur ma facture";
  const headers = await apiLogin(request, "pro1@demo.local");
  const created = await apiJson<{ id: number }>(request, "POST", "/api/messaging/conversations", headers, { subject, content: "Une question." });
  await apiJson(request, "PATCH", `/api/messaging/conversations/${created.id}/status`, headers, { status: "closed" });

  await page.getByRole("button", { name: "Fermées" }).click();
  await page.getByRole("link", { name: subject }).click();
  await expect(page.getByText("Cette conversation est fermée. Écrire un message la rouvrira.")).toBeVisible();

  await page.getByRole("textbox", { name: "Votre message" }).fill("Finalement, j'ai une autre question.");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("list", { name: "Messages" }).getByText("j'ai une autre question")).toBeVisible();
  await expect(page.getByText("Cette conversation est fermée.")).toBeHidden();
  await expect(page.getByRole("button", { name: "Fermer la conversation" })).toBeVisible();
});

test("pro1 never sees pro2's tickets, not even by their address", async ({ page, request }) => {
  const mine = await openTicket(request, "pro1@demo.local", "Ticket de pro1");
  const theirs = await openTicket(request, "pro2@demo.local", "Ticket de pro2");

  await loginInPortal(page, "pro1@demo.local");
  const list = page.getByRole("list", { name: "Conversations" });
  await expect(list.getByRole("link", { name: mine.subject })).toBeVisible();
  for (const filter of ["Toutes", "Ouvertes", "Fermées", "Non lues"]) {
    await page.getByRole("button", { name: filter, exact: true }).click();
    await expect(page.getByRole("button", { name: filter, exact: true })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByText(theirs.subject)).toHaveCount(0);
    await expect(page.getByText("Paiement refusé lors du renouvellement")).toHaveCount(0);
  }

  await page.goto(`/messagerie/${theirs.id}`);
  await expect(page.getByText("Cette conversation n'existe pas ou ne vous est pas accessible.")).toBeVisible();
  await expect(page.getByText(theirs.subject)).toHaveCount(0);
});
