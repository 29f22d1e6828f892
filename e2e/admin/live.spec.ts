import { expect, test } from "@playwright/test";
import { apiLogin } from "../support.ts";
import { apiJson, loginInAdmin, searchList, ticketFromPro, unreadBadge, uniqueTag } from "./admin.ts";

// Ten minutes between the badge's polls: within this test only the event stream can bring anything to the console.
const NO_POLLING_MS = 600_000;
const LIVE_MS = 2000;

test.use({ viewport: { width: 1400, height: 860 } });

test("a pro's messages reach the console's badge, list and open ticket within 2 s, without a reload", async ({ page, request }) => {
  const tag = uniqueTag();
  const subject = `Relevé manquant ${tag}`;
  const ticket = await ticketFromPro(request, "pro1@demo.local", subject);
  const admin = await apiLogin(request, "admin@demo.local");
  await apiJson(request, "PATCH", `/api/messaging/conversations/${ticket.id}/read`, admin);
  const pro = await apiLogin(request, "pro1@demo.local");
  const post = (content: string) => apiJson(request, "POST", `/api/messaging/conversations/${ticket.id}/messages`, pro, { content });

  await page.addInitScript((ms) => localStorage.setItem("messagerie.admin.pollMs", String(ms)), NO_POLLING_MS);
  const streamOpened = page.waitForResponse((res) => new URL(res.url()).pathname === "/api/messaging/events");
  await loginInAdmin(page);
  await searchList(page, tag);
  const rows = page.getByRole("row").filter({ hasText: tag });
  await expect(rows).toHaveCount(1);
  await expect(rows.getByLabel(/non lus?$/)).toHaveCount(0);
  expect((await streamOpened).headers()["content-type"]).toContain("text/event-stream");
  const before = await unreadBadge(page);
  let pageLoads = 0;
  page.on("load", () => pageLoads++);

  // A new message in the ticket: the badge and the row follow.
  await post("J'ai retrouvé le relevé de mars, il manque celui d'avril.");
  await expect.poll(() => unreadBadge(page), { timeout: LIVE_MS }).toBe(before + 1);
  await expect(rows.getByLabel("1 message non lu")).toBeVisible({ timeout: LIVE_MS });
  await expect(rows).toContainText("il manque celui d'avril");

  // A new ticket from the same pro joins the list, on top.
  const second = `Second relevé ${tag}`;
  await ticketFromPro(request, "pro1@demo.local", second);
  await expect(rows).toHaveCount(2, { timeout: LIVE_MS });
  await expect(rows.first()).toContainText(second);

  // On the open ticket, the next message shows in the thread and is read at once: the badge goes back down.
  await rows.filter({ hasText: subject }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect.poll(() => unreadBadge(page)).toBe(before + 1);
  const thread = page.getByRole("list", { name: "Messages" });
  await post("Vous pouvez me l'envoyer par ici ?");
  await expect(thread.getByRole("listitem", { name: "Message de Paul Durand" }).filter({ hasText: "par ici" })).toBeVisible({
    timeout: LIVE_MS,
  });
  const unreadOfTicket = async () =>
    (await apiJson<{ unreadCount: number }>(request, "GET", `/api/messaging/conversations/${ticket.id}`, admin)).unreadCount;
  await expect.poll(unreadOfTicket, { timeout: LIVE_MS }).toBe(0);
  await expect.poll(() => unreadBadge(page)).toBe(before + 1);

  // The pro reads the admin's reply: ✓ turns ✓✓ on the open ticket.
  await page.getByRole("textbox", { name: "Votre réponse" }).fill("Le voici, bonne journée.");
  await page.getByRole("button", { name: "Envoyer" }).click();
  const reply = thread.getByRole("listitem", { name: /Message de Alice Martin/ }).filter({ hasText: "Le voici" });
  await expect(reply.getByRole("img", { name: "Pas encore lu" })).toBeVisible();
  await apiJson(request, "PATCH", `/api/messaging/conversations/${ticket.id}/read`, pro);
  await expect(reply.getByRole("img", { name: /^Lu le/ })).toBeVisible({ timeout: LIVE_MS });

  expect(pageLoads).toBe(0);
});
