import { expect, test } from "@playwright/test";
import { apiLogin } from "../support.ts";
import { apiJson, loginInPortal, openTicket } from "./portal.ts";

test.use({ viewport: { width: 1280, height: 800 } });

test("a link in a message opens in a new tab; Arabic reads right to left; the exact time is on hover", async ({ page, request, context }) => {
  const ticket = await openTicket(request, "pro1@demo.local", `Lien ${Date.now().toString(36)}`);
  const admin = await apiLogin(request, "admin@demo.local");
  await apiJson(request, "POST", `/api/messaging/conversations/${ticket.id}/messages`, admin, { content: "Voici le guide : https://example.com/guide\nBonne lecture" });
  await apiJson(request, "POST", `/api/messaging/conversations/${ticket.id}/messages`, admin, { content: "مرحبا، كيف يمكننا مساعدتك؟" });
  await loginInPortal(page, "pro1@demo.local");
  await page.goto(`/messagerie/${ticket.id}`);

  const link = page.getByRole("link", { name: "https://example.com/guide" });
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await context.route("https://example.com/**", (route) => route.fulfill({ body: "<title>Guide</title>", contentType: "text/html" }));
  const [opened] = await Promise.all([context.waitForEvent("page"), link.click()]);
  await expect(opened).toHaveURL("https://example.com/guide");
  await opened.close();

  const arabic = page.getByRole("list", { name: "Messages" }).getByText("مرحبا، كيف يمكننا مساعدتك؟");
  expect(await arabic.evaluate((element) => getComputedStyle(element).direction)).toBe("rtl");
  await expect(page.getByRole("list", { name: "Messages" }).locator("time").first()).toHaveAttribute("title", /\d{4}/);
});
