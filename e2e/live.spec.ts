import { expect, test } from "@playwright/test";
import { apiLogin } from "./support.ts";
import { loginInAdmin, searchList, uniqueTag } from "./admin/admin.ts";
import { TEST_POLL_MS, apiJson, fastBadge, loginInPortal, messagerieTab, openTicket, readAll } from "./portal/portal.ts";

// Ten minutes between polls: within this test only the event stream can bring anything to the pro's screen.
const NO_POLLING_MS = 600_000;
const LIVE_MS = 2000;

test.use({ viewport: { width: 1400, height: 860 } });

test("an admin's reply from the console shows in the pro's open thread within 2 s, and on his badge, without a reload", async ({ browser, request }) => {
  const subject = `Synchronisation en direct ${uniqueTag()}`;
  await openTicket(request, "pro1@demo.local", subject);
  await readAll(request, "pro1@demo.local");

  // pro1, in his own browser context, opens the ticket in the portal.
  const proContext = await browser.newContext();
  const pro = await proContext.newPage();
  await pro.addInitScript((ms) => localStorage.setItem("messagerie.pollMs", String(ms)), NO_POLLING_MS);
  await loginInPortal(pro, "pro1@demo.local");
  await expect(messagerieTab(pro)).toHaveAccessibleName(/aucun message non lu/);
  let pageLoads = 0;
  pro.on("load", () => pageLoads++);
  const conversations = pro.getByRole("list", { name: "Conversations" });
  await conversations.getByRole("link", { name: subject }).click();
  await expect(pro.getByRole("heading", { level: 2, name: subject })).toBeVisible();
  const thread = pro.getByRole("list", { name: "Messages" });
  const firstMessage = thread.getByRole("listitem").filter({ hasText: "Premier message" });
  await expect(firstMessage.getByRole("img", { name: "Envoyé" })).toBeVisible();

  // An admin, in another context, opens the ticket in the console: that reads pro1's message, and his ✓ turns ✓✓.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await loginInAdmin(admin);
  await searchList(admin, subject);
  await admin.getByRole("row").filter({ hasText: subject }).click();
  await expect(admin.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(firstMessage.getByRole("img", { name: /^Lu/ })).toBeVisible({ timeout: LIVE_MS });

  // The admin replies; the pro's open thread shows it within 2 s, and reads it since he is looking at it.
  const replyBox = admin.getByRole("textbox", { name: "Votre réponse" });
  await replyBox.fill("Bonjour, la synchronisation est relancée de notre côté.");
  await admin.getByRole("button", { name: "Envoyer" }).click();
  await expect(thread.getByText("la synchronisation est relancée")).toBeVisible({ timeout: LIVE_MS });
  await expect(thread.getByRole("listitem").filter({ hasText: "relancée" })).toContainText("Alice Martin");
  const proHeaders = await apiLogin(request, "pro1@demo.local");
  await expect.poll(async () => (await apiJson<{ count: number }>(request, "GET", "/api/messaging/unread-count", proHeaders)).count).toBe(0);
  await expect(messagerieTab(pro)).toHaveAccessibleName(/aucun message non lu/);

  // Back on the list, a second reply lights the badge and the row within 2 s.
  await messagerieTab(pro).click();
  await expect(pro).toHaveURL(/\/messagerie$/);
  await expect(replyBox).toHaveValue("");
  await replyBox.fill("Pouvez-vous nous confirmer que tout est revenu ?");
  await admin.getByRole("button", { name: "Envoyer" }).click();
  await expect(messagerieTab(pro)).toHaveAccessibleName(/1 message non lu/, { timeout: LIVE_MS });
  const row = conversations.getByRole("link").first();
  await expect(row).toHaveAccessibleName(new RegExp(`${subject}.*1 message non lu`));
  await expect(row).toContainText("Pouvez-vous nous confirmer");

  expect(pageLoads).toBe(0);
  await adminContext.close();
  await proContext.close();
});

test("the portal opens the event stream with a Bearer header, never a token in the URL", async ({ page }) => {
  const stream = page.waitForRequest((req) => new URL(req.url()).pathname === "/api/messaging/events");
  await loginInPortal(page, "pro2@demo.local");
  const request = await stream;
  expect(new URL(request.url()).search).toBe("");
  expect(await request.headerValue("authorization")).toMatch(/^Bearer \S+$/);
  expect(await request.headerValue("accept")).toBe("text/event-stream");
});

test("when the stream is refused, polling keeps the badge right and the pro is told nothing alarming", async ({ page, request }) => {
  const refused: string[] = [];
  await page.route("**/api/messaging/events", (route) => {
    refused.push(route.request().url());
    return route.fulfill({ status: 503, body: "Service Unavailable" });
  });
  await fastBadge(page);
  const ticket = await openTicket(request, "pro1@demo.local", `Sans flux ${uniqueTag()}`);
  await readAll(request, "pro1@demo.local");
  await loginInPortal(page, "pro1@demo.local");
  await expect(messagerieTab(page)).toHaveAccessibleName(/aucun message non lu/);

  const admin = await apiLogin(request, "admin@demo.local");
  await apiJson(request, "POST", `/api/messaging/conversations/${ticket.id}/messages`, admin, { content: "Réponse arrivée par le sondage." });
  await expect(messagerieTab(page)).toHaveAccessibleName(/1 message non lu/, { timeout: TEST_POLL_MS * 3 });
  await expect(page.getByRole("list", { name: "Conversations" }).getByRole("link", { name: ticket.subject })).toHaveAccessibleName(/1 message non lu/);
  expect(refused.length).toBeGreaterThan(0);
  await expect(page.getByRole("alert")).toHaveCount(0);
});
