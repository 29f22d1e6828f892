import { expect, test } from "@playwright/test";
import { loginInAdmin, uniqueTag } from "./admin/admin.ts";
import { loginInPortal, openTicket } from "./portal/portal.ts";
import { apiLogin } from "./support.ts";

test.use({ viewport: { width: 1280, height: 800 } });

test("the console says its errors in French: a wrong password, an email already used", async ({ page }) => {
  await page.goto("/admin/");
  await page.getByLabel("E-mail").fill("admin@demo.local");
  await page.getByRole("textbox", { name: "Mot de passe" }).fill("pas-le-bon");
  await page.getByRole("button", { name: "Connexion" }).click();
  await expect(page.getByText("E-mail ou mot de passe incorrect.")).toBeVisible();

  await loginInAdmin(page);
  await page.getByRole("menuitem", { name: "Professionnels" }).click();
  await page.getByRole("link", { name: "Créer" }).click();
  await page.getByRole("textbox", { name: "Nom" }).fill("Paul Doublon");
  await page.getByRole("textbox", { name: "E-mail" }).fill("pro1@demo.local");
  await page.getByRole("textbox", { name: "Mot de passe" }).fill("motdepasse-solide");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Cet e-mail est déjà utilisé.")).toBeVisible();
  await expect(page.getByText(/already used/)).toHaveCount(0);
});

test("the portal says a lost connection in French and keeps the text", async ({ page, request }) => {
  const ticket = await openTicket(request, "pro1@demo.local", `Réseau coupé ${uniqueTag()}`);
  await loginInPortal(page, "pro1@demo.local");
  await page.goto(`/messagerie/${ticket.id}`);
  await page.route("**/api/messaging/conversations/*/messages", (route) => route.abort("internetdisconnected"));
  const field = page.getByRole("textbox", { name: "Votre message" });
  await field.fill("Envoyé dans un tunnel");
  await field.press("Control+Enter");
  await expect(page.getByText(/la connexion a été perdue/)).toBeVisible();
  await expect(page.getByText(/Failed to fetch|TypeError/)).toHaveCount(0);
  await expect(field).toHaveValue("Envoyé dans un tunnel");
});

test("a deactivated pro is told so, both when signed in and when signing in again", async ({ page, request }) => {
  const tag = uniqueTag();
  const admin = await apiLogin(request, "admin@demo.local");
  const email = `desactive.${tag}@demo.local`;
  const password = "Compte-bientot-ferme-2026";
  const created = await request.post("/api/users", { headers: admin, data: { email, name: "Pro Désactivé", role: "PROFESSIONAL", password } });
  const { id } = (await created.json()) as { id: number };
  await loginInPortal(page, email, password);
  await expect(page.getByRole("heading", { name: "Messagerie" })).toBeVisible();

  await request.put(`/api/users/${id}`, { headers: admin, data: { active: false } });
  await page.reload();
  await expect(page.getByText("Votre compte a été désactivé. Contactez l'équipe de la plateforme.")).toBeVisible();
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByText("Votre compte a été désactivé. Contactez l'équipe de la plateforme.")).toBeVisible();
});
