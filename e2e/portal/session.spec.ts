import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../support.ts";
import { loginInPortal, messagerieTab } from "./portal.ts";

test("the session survives a reload, and /messagerie deep links work", async ({ page }) => {
  await loginInPortal(page, "pro1@demo.local");
  await page.reload();
  await expect(page).toHaveURL(/\/messagerie$/);
  await expect(messagerieTab(page)).toBeVisible();

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/messagerie");
  await expect(page).toHaveURL(/\/login$/);
});

test("a token the API refuses (401) sends the pro back to the login page", async ({ page }) => {
  await page.addInitScript(() => {
    const user = { id: 2, email: "pro1@demo.local", name: "Paul Durand", role: "PROFESSIONAL", active: true, createdAt: "", updatedAt: "" };
    localStorage.setItem("messagerie.portal", JSON.stringify({ token: "expired.or.forged", user }));
  });
  await page.goto("/messagerie");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("Votre session a expiré. Reconnectez-vous.")).toBeVisible();
});

test("an admin who signs in here is sent to the admin console, already signed in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Adresse e-mail").fill("admin@demo.local");
  await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/admin\//);
  const handedOver = await page.evaluate(() => JSON.parse(localStorage.getItem("messagerie.admin") ?? "null") as { user?: { role?: string } } | null);
  expect(handedOver?.user?.role).toBe("ADMIN");
});

test("a wrong password is refused in words", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Adresse e-mail").fill("pro1@demo.local");
  await page.getByLabel("Mot de passe").fill("not-the-password");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByText("Adresse e-mail ou mot de passe incorrect.")).toBeVisible();
});

test("English is one click away and remembered", async ({ page }) => {
  await loginInPortal(page, "pro1@demo.local");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("tab", { name: /^Messages/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "New conversation" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "New conversation" })).toBeVisible();
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("button", { name: "Nouvelle conversation" })).toBeVisible();
});
