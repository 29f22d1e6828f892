import { expect, test } from "@playwright/test";
import { loginInPortal, openTicket } from "./portal.ts";

test.use({ viewport: { width: 1280, height: 800 } });

test("a pro's unsent message is kept across navigation and reload, per conversation, and sending clears it", async ({ page, request }) => {
  const tag = `d${Date.now().toString(36)}`;
  const first = await openTicket(request, "pro1@demo.local", `Brouillon A ${tag}`);
  const second = await openTicket(request, "pro1@demo.local", `Brouillon B ${tag}`);
  await loginInPortal(page, "pro1@demo.local");
  const field = page.getByRole("textbox", { name: "Votre message" });

  await page.goto(`/messagerie/${first.id}`);
  await field.fill("Je vous envoie les pièces demain");
  await page.goto(`/messagerie/${second.id}`);
  await expect(page.getByRole("heading", { level: 2, name: `Brouillon B ${tag}` })).toBeVisible();
  await expect(field).toHaveValue("");
  await page.goto(`/messagerie/${first.id}`);
  await expect(field).toHaveValue("Je vous envoie les pièces demain");
  await page.reload();
  await expect(field).toHaveValue("Je vous envoie les pièces demain");

  await field.press("Control+Enter");
  await expect(page.getByRole("list", { name: "Messages" })).toContainText("Je vous envoie les pièces demain");
  await expect(field).toHaveValue("");
  await page.reload();
  await expect(field).toHaveValue("");
});
