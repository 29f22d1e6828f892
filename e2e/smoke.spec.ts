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
