import { expect, test } from "@playwright/test";
import { apiLogin, screenshot } from "../support.ts";
import { apiJson, apiTotal, loginInAdmin, searchList, ticketFromPro, ticketsMenu, unreadBadge, uniqueTag } from "./admin.ts";

test.use({ viewport: { width: 1400, height: 860 } });

test("filters the open tickets down to the unread ones", async ({ page, request }) => {
  const tag = uniqueTag();
  const admin = await apiLogin(request, "admin@demo.local");
  await ticketFromPro(request, "pro1@demo.local", `Ouvert non lu ${tag}`);
  const read = await ticketFromPro(request, "pro1@demo.local", `Ouvert lu ${tag}`);
  await apiJson(request, "PATCH", `/api/messaging/conversations/${read.id}/read`, admin);
  const closed = await ticketFromPro(request, "pro2@demo.local", `Fermé non lu ${tag}`);
  await apiJson(request, "PUT", `/api/messaging/conversations/${closed.id}`, admin, { status: "closed" });

  await loginInAdmin(page);
  await searchList(page, tag);
  const rows = page.getByRole("row").filter({ hasText: tag });
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("tab", { name: "Ouverts (2)", selected: true })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Non lus (2)" })).toBeVisible();

  await page.getByRole("button", { name: "Ajouter un filtre" }).click();
  await page.getByRole("menuitemcheckbox", { name: "Non lus uniquement" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(`Ouvert non lu ${tag}`);
  await expect(rows).toContainText("Ouvert");
  await expect(page).toHaveURL(/unreadOnly/);
});

test("opening a ticket marks it read and lowers the badge; the reply shows in the thread", async ({ page, request }) => {
  const tag = uniqueTag();
  const subject = `Virement non reçu ${tag}`;
  const ticket = await ticketFromPro(request, "pro2@demo.local", subject, "J'ajoute la référence : VIR-2024-118.");

  await loginInAdmin(page);
  await expect.poll(() => unreadBadge(page)).toBeGreaterThanOrEqual(2);
  const before = await unreadBadge(page);

  await searchList(page, tag);
  const row = page.getByRole("row").filter({ hasText: subject });
  await expect(row.getByLabel("2 messages non lus")).toBeVisible();
  await row.click();

  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const thread = page.getByRole("list", { name: "Messages" });
  await expect(thread.getByRole("listitem", { name: "Message de Sophie Bernard" })).toHaveCount(2);
  await expect.poll(() => unreadBadge(page)).toBe(before - 2);

  // Reply: the message joins the thread, the form empties, and the pro has not read it yet.
  const reply = page.getByRole("textbox", { name: "Votre réponse" });
  await reply.fill("Bonjour Sophie, le virement est parti ce matin : comptez 48 h.");
  await page.getByRole("button", { name: "Envoyer" }).click();
  const mine = thread.getByRole("listitem", { name: /Message de Alice Martin/ });
  await expect(mine).toContainText("le virement est parti ce matin");
  await expect(mine.getByRole("img", { name: "Pas encore lu" })).toBeVisible();
  await expect(reply).toHaveValue("");

  // Once the pro reads it, the admin sees the read mark.
  const pro = await apiLogin(request, "pro2@demo.local");
  await apiJson(request, "PATCH", `/api/messaging/conversations/${ticket.id}/read`, pro);
  await page.reload();
  await expect(mine.getByRole("img", { name: /^Lu le/ })).toBeVisible();
  await screenshot(page, "admin-ticket");

  // Back in the list, the ticket no longer stands out as unread.
  await ticketsMenu(page).click();
  await searchList(page, tag);
  await expect(row).toHaveCount(1);
  await expect(row.getByLabel(/non lus?$/)).toHaveCount(0);
});

test("closes two tickets at once from the list, reopens them right after, and undoes that", async ({ page, request }) => {
  const tag = uniqueTag();
  await ticketFromPro(request, "pro1@demo.local", `Premier à fermer ${tag}`);
  await ticketFromPro(request, "pro1@demo.local", `Second à fermer ${tag}`);

  await loginInAdmin(page);
  await searchList(page, tag);
  const rows = page.getByRole("row").filter({ hasText: tag });
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Fermer", exact: true }).click();
  await expect(page.getByText("2 tickets fermés")).toBeVisible();

  // Sent at once: while the notice is still shown, the list and the tabs already say so, and so does the server.
  await expect(rows).toHaveCount(0);
  await expect(page.getByRole("tab", { name: "Ouverts (0)" })).toBeVisible();
  await expect(page.getByText("2 tickets fermés")).toBeVisible();
  expect(await apiTotal(request, { q: tag, status: "closed" })).toBe(2);

  // Reopened right after from the Fermés tab: both are reopened.
  await page.getByRole("tab", { name: /^Fermés/ }).click();
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Rouvrir", exact: true }).click();
  await expect(page.getByText("2 tickets rouverts")).toBeVisible();
  await expect(rows).toHaveCount(0);
  await expect.poll(() => apiTotal(request, { q: tag, status: "open" })).toBe(2);

  // Undo puts back what the action changed.
  await page.getByRole("alert").getByRole("button", { name: "Annuler" }).click();
  await expect.poll(() => apiTotal(request, { q: tag, status: "closed" })).toBe(2);
  await expect(rows).toHaveCount(2);
});

test("starts a conversation with pro2, with a file, and she finds it in her messages", async ({ page, request }) => {
  const subject = `Mise à jour de votre dossier ${uniqueTag()}`;
  await loginInAdmin(page);
  await page.getByRole("link", { name: "Nouveau ticket" }).click();
  await expect(page).toHaveURL(/\/admin\/conversations\/create$/);

  // The options are fetched again as the name is typed (debounced): pick once the list has settled.
  const professional = page.getByRole("combobox", { name: "Professionnel" });
  await expect(async () => {
    await professional.fill("Sophie");
    await page.getByRole("option", { name: /Sophie Bernard/ }).click({ timeout: 3000 });
    await expect(professional).toHaveValue(/Sophie Bernard/, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await page.getByRole("textbox", { name: "Sujet" }).fill(subject);
  await page.getByRole("textbox", { name: "Premier message" }).fill("Bonjour Sophie, merci de vérifier votre numéro de SIRET.");
  await page.getByTestId("attachment-input").setInputFiles({ name: "modèle-attestation.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
  await expect(page.getByText(/^modèle-attestation\.pdf · /)).toBeVisible();
  await page.getByRole("button", { name: "Envoyer" }).click();

  await expect(page).toHaveURL(/\/admin\/conversations\/\d+\/show$/);
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page.getByRole("list", { name: "Messages" })).toContainText("numéro de SIRET");
  await expect(page.getByRole("list", { name: "Messages" }).getByRole("link", { name: /modèle-attestation\.pdf/ })).toBeVisible();

  const pro2 = await apiLogin(request, "pro2@demo.local");
  const mine = await apiJson<{ subject: string; unreadCount: number }[]>(request, "GET", "/api/messaging/conversations", pro2);
  expect(mine.find((c) => c.subject === subject)?.unreadCount).toBe(1);
});
