import type { APIRequestContext, Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo1234";
export const SCREENSHOTS = "test-results/screenshots";

/**
 * Logs in through the API and answers a Bearer header, for tests that act as another user behind the scenes (on the
 * tests' server, or the one at `baseURL`).
 */
export async function apiLogin(request: APIRequestContext, email: string, baseURL = ""): Promise<{ Authorization: string }> {
  const res = await request.post(`${baseURL}/api/auth/login`, { data: { email, password: DEMO_PASSWORD } });
  if (!res.ok()) throw new Error(`login of ${email} failed: ${res.status()}`);
  const { token } = (await res.json()) as { token: string };
  return { Authorization: `Bearer ${token}` };
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: false });
}
