import { expect, test, type Page } from "@playwright/test";
import { loginInAdmin, ticketFromPro, ticketsMenu, uniqueTag } from "./admin.ts";
import { openTicket } from "../portal/portal.ts";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** What sticks out to the right of the screen (nothing, when all is well). */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().width > window.innerWidth + 1)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].slice(0, 2).join(".")} in ${[...(element.closest("[class*=Pagination], [class*=Toolbar], [class*=toolbar]")?.classList ?? [])].slice(0, 3).join(".")}`),
  );

test("on a phone, a 2,000-character word never makes the console wider than the screen, and closing reads as closing", async ({ page, request }) => {
  const tag = uniqueTag();
  const word = `${tag}${"x".repeat(2000 - tag.length)}`;
  const ticket = await openTicket(request, "pro1@demo.local", word.slice(0, 200));
  await ticketFromPro(request, "pro2@demo.local", `Normal ${tag}`, word);
  await loginInAdmin(page);
  await expect(ticketsMenu(page).or(page.getByRole("button", { name: /menu/i }).first())).toBeVisible();
  await page.goto(`/admin/conversations?filter=${encodeURIComponent(JSON.stringify({ q: tag, status: "open" }))}`);
  await expect(page.getByText(tag).first()).toBeVisible();
  expect(await overflowing(page)).toEqual([]);

  await page.goto(`/admin/conversations/${ticket.id}/show`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await overflowing(page)).toEqual([]);
  // The close action keeps its name, whatever its size on a phone.
  await expect(page.getByRole("button", { name: "Fermer" })).toBeVisible();
});

