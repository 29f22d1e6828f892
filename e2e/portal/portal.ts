import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD, SCREENSHOTS, apiLogin } from "../support.ts";

/** The badge polls every second in these tests instead of every 30 s (the tab reads this key at start). */
export const TEST_POLL_MS = 1000;

export async function fastBadge(page: Page) {
  await page.addInitScript((ms) => localStorage.setItem("messagerie.pollMs", String(ms)), TEST_POLL_MS);
}

/** Signs in through the portal's login page, as a person would. */
export async function loginInPortal(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/messagerie$/);
}

/** The Messagerie tab, whose accessible name carries the unread count in words. */
export const messagerieTab = (page: Page) => page.getByRole("tab", { name: /^Messagerie/ });

type Headers = { Authorization: string };

export async function apiJson<T>(request: APIRequestContext, method: "GET" | "POST" | "PATCH", url: string, headers: Headers, data?: unknown): Promise<T> {
  const res = await request.fetch(url, { method, headers, data });
  expect(res.ok(), `${method} ${url} → ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

/** Reads everything a user has unread, so a test starts from a badge at 0 whatever ran before it. */
export async function readAll(request: APIRequestContext, email: string) {
  const headers = await apiLogin(request, email);
  const rows = await apiJson<{ id: number; unreadCount: number }[]>(request, "GET", "/api/messaging/conversations?unreadOnly=true", headers);
  for (const row of rows) await apiJson(request, "PATCH", `/api/messaging/conversations/${row.id}/read`, headers);
  return headers;
}

/** Opens a ticket through the API, for tests about what another user sees. */
export async function openTicket(request: APIRequestContext, email: string, subject: string) {
  const headers = await apiLogin(request, email);
  return apiJson<{ id: number; subject: string }>(request, "POST", "/api/messaging/conversations", headers, {
    subject,
    content: `Premier message de « ${subject} »`,
  });
}

/** Presses Tab until `target` has the focus: proves it is reachable from the keyboard alone. */
export async function tabTo(page: Page, target: Locator, maxPresses = 40) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`not reached with ${maxPresses} presses of Tab`);
}

/** A screenshot with transitions finished (the badge fading out, a click's ripple), for the README. */
export async function settledScreenshot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, animations: "disabled" });
}
