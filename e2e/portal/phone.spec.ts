import { expect, test } from "@playwright/test";
import { loginInPortal, messagerieTab, openTicket, settledScreenshot } from "./portal.ts";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test("on a phone, the list and the thread are two screens", async ({ page, request }) => {
  const ticket = await openTicket(request, "pro1@demo.local", "Depuis mon téléphone");
  await loginInPortal(page, "pro1@demo.local");
  await expect(messagerieTab(page)).toBeVisible();
  const list = page.getByRole("list", { name: "Conversations" });
  await expect(list.getByRole("link", { name: ticket.subject })).toBeVisible();
  await expect(page.getByRole("list", { name: "Messages" })).toHaveCount(0);
  await settledScreenshot(page, "portal-phone-list");

  await list.getByRole("link", { name: ticket.subject }).click();
  await expect(page).toHaveURL(new RegExp(`/messagerie/${ticket.id}$`));
  await expect(page.getByRole("heading", { level: 2, name: ticket.subject })).toBeVisible();
  await expect(page.getByRole("list", { name: "Conversations" })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Votre message" })).toBeVisible();
  await settledScreenshot(page, "portal-phone-thread");

  await page.getByRole("link", { name: "Retour aux conversations" }).click();
  await expect(page).toHaveURL(/\/messagerie$/);
  await expect(list).toBeVisible();
});

test("on a phone, the search field stays inside the screen", async ({ page }) => {
  await loginInPortal(page, "pro1@demo.local");
  const search = page.getByRole("searchbox", { name: "Rechercher dans mes conversations" });
  await expect(search).toBeVisible();
  const box = await search.locator("xpath=ancestor::div[contains(@class,'MuiTextField-root')]").boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
});
