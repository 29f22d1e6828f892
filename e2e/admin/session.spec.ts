import { expect, test } from "@playwright/test";
import { screenshot } from "../support.ts";
import { loginInAdmin, ticketsMenu } from "./admin.ts";

test.use({ viewport: { width: 1400, height: 860 } });

test("a professional is turned away; the admin signs in and lands on the open tickets, in French", async ({ page }) => {
  await loginInAdmin(page, "pro1@demo.local");
  await expect(page.getByText("Accès réservé aux administrateurs")).toBeVisible();
  await expect(page.getByRole("button", { name: "Connexion" })).toBeVisible();

  await loginInAdmin(page);
  await expect(page).toHaveURL(/\/admin\/conversations/);
  await expect(ticketsMenu(page)).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Professionnels" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Profil" })).toContainText("Alice Martin");
  await expect(page.getByRole("tab", { name: /^Ouverts \(\d+\)$/, selected: true })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Dernière activité" })).toBeVisible();
  await expect(page.getByRole("row").nth(1)).toContainText(/il y a/);
  await screenshot(page, "admin-list");

  // The session survives a reload, and signing out leads back to the login page.
  await page.reload();
  await expect(ticketsMenu(page)).toBeVisible();
  await page.getByRole("button", { name: "Profil" }).click();
  await page.getByRole("menuitem", { name: "Déconnexion" }).click();
  await expect(page.getByRole("button", { name: "Connexion" })).toBeVisible();
});

test("the console switches to English from the app bar", async ({ page }) => {
  await loginInAdmin(page);
  await expect(page.getByRole("tab", { name: /^Ouverts/ })).toBeVisible();
  await page.getByRole("button", { name: "Français" }).click();
  await page.getByRole("menuitem", { name: "English" }).click();

  await expect(page.getByRole("tab", { name: /^Open \(\d+\)$/, selected: true })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("tab", { name: /^Unread \(\d+\)$/ })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Professionals" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New ticket" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Last activity" })).toBeVisible();
  await expect(page.getByRole("row").nth(1)).toContainText(/ago/);

  await page.getByRole("row").nth(1).click();
  await expect(page.getByRole("textbox", { name: "Your reply" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
});

test("a session that expired returns to sign-in saying why", async ({ page }) => {
  await loginInAdmin(page);
  await expect(ticketsMenu(page)).toBeVisible();
  // The stored token stops being valid (as when it expires): the next request answers 401.
  await page.evaluate(() => {
    const session = JSON.parse(localStorage.getItem("messagerie.admin") ?? "{}");
    localStorage.setItem("messagerie.admin", JSON.stringify({ ...session, token: `${session.token}x` }));
  });
  await page.reload();
  await expect(page.getByRole("alert").filter({ hasText: "Votre session a expiré. Reconnectez-vous." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Connexion" })).toBeVisible();
});
