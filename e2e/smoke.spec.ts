import { expect, test } from "@playwright/test";

test("one port serves the API, the admin console and the portal", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(await health.json()).toEqual({ status: "ok", database: "up" });
  for (const path of ["/", "/messagerie", "/admin/", "/admin/conversations"]) {
    const page = await request.get(path);
    expect(page.status(), path).toBe(200);
    expect(await page.text(), path).toContain('<div id="root">');
  }
  const unknown = await request.get("/api/does-not-exist");
  expect(unknown.status()).toBe(404);
});

test("the API reference page renders the document in the browser, under the app's Content-Security-Policy", async ({ page }) => {
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") blocked.push(message.text());
  });
  await page.goto("/api/docs");
  await expect(page.getByText("Messagerie Pro-Admin API")).toBeVisible();
  await expect(page.getByText("/api/messaging/conversations/{id}/messages").first()).toBeVisible();
  expect(blocked).toEqual([]);
});
