import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD, apiLogin } from "../support.ts";

/** Signs in through the console's login page, as a person would. */
/** Logs in from the ticket list's address, so that the console lands there (its home is the dashboard). */
export async function loginInAdmin(page: Page, email = "admin@demo.local", password = DEMO_PASSWORD, landing = "/admin/conversations") {
  await page.goto(landing);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(password);
  await page.getByRole("button", { name: "Connexion" }).click();
}

/** The Tickets menu entry; its accessible name carries the unread badge in words. */
export const ticketsMenu = (page: Page) => page.getByRole("menuitem", { name: /^Tickets/ });

/** The badge's number: "Tickets, 3 messages non lus" → 3; plain "Tickets" → 0. */
export async function unreadBadge(page: Page): Promise<number> {
  const label = (await ticketsMenu(page).getAttribute("aria-label")) ?? "";
  return Number(/(\d+) messages? non lus?/.exec(label)?.[1] ?? 0);
}

/** Types in the list's search box and waits until the list has applied it (react-admin debounces by 500 ms). */
export async function searchList(page: Page, text: string) {
  await page.getByPlaceholder("Rechercher").fill(text);
  await expect(page).toHaveURL(new RegExp(encodeURIComponent(text)));
}

/** A word no other test uses, so a search shows only this test's tickets. */
export const uniqueTag = () => `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

type Headers = { Authorization: string };

export async function apiJson<T>(
  request: APIRequestContext,
  method: "GET" | "POST" | "PATCH" | "PUT",
  url: string,
  headers: Headers,
  data?: unknown,
): Promise<T> {
  const res = await request.fetch(url, { method, headers, data });
  expect(res.ok(), `${method} ${url} → ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

/** A professional opens a ticket (and may add messages) through the API: unread for the admins. */
export async function ticketFromPro(request: APIRequestContext, email: string, subject: string, ...more: string[]) {
  const pro = await apiLogin(request, email);
  const ticket = await apiJson<{ id: number }>(request, "POST", "/api/messaging/conversations", pro, {
    subject,
    content: `Bonjour, ${subject.toLowerCase()} : pouvez-vous m'aider ?`,
  });
  for (const content of more) {
    await apiJson(request, "POST", `/api/messaging/conversations/${ticket.id}/messages`, pro, { content });
  }
  return ticket;
}

/** Total of the conversations matching a filter, as an admin sees it through the API. */
export async function apiTotal(request: APIRequestContext, filter: Record<string, unknown>) {
  const admin = await apiLogin(request, "admin@demo.local");
  const res = await request.get(`/api/messaging/conversations?filter=${encodeURIComponent(JSON.stringify(filter))}&range=[0,0]`, {
    headers: admin,
  });
  expect(res.ok()).toBe(true);
  return Number(res.headers()["content-range"]?.split("/")[1]);
}

/** The list's total, read from its pagination ("1-7 sur 7"). */
export async function listTotal(page: Page): Promise<number> {
  const text = await page.getByText(/^\d+-\d+ sur \d+$/).textContent();
  return Number(/sur (\d+)$/.exec(text ?? "")?.[1]);
}

/** Counts CSV records (not lines: a quoted cell may hold line breaks), the header excluded. */
export function csvRecordCount(csv: string): number {
  let records = 0;
  let quoted = false;
  let empty = true;
  for (const char of csv.replace(/^\uFEFF/, "")) {
    if (char === '"') quoted = !quoted;
    if (char === "\n" && !quoted) {
      if (!empty) records += 1;
      empty = true;
    } else if (char !== "\r") {
      empty = false;
    }
  }
  if (!empty) records += 1;
  return records - 1;
}
