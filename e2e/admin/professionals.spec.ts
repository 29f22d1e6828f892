import { expect, test } from "@playwright/test";
import { loginInAdmin, searchList, uniqueTag } from "./admin.ts";

test("creates a professional, renames him, then deactivates him: he can no longer be contacted", async ({ page, request }) => {
  const tag = uniqueTag();
  const email = `${tag}@exemple.fr`;
  await loginInAdmin(page);
  await page.getByRole("menuitem", { name: "Professionnels" }).click();
  await page.getByRole("link", { name: "Créer" }).click();
  await page.getByRole("textbox", { name: "Nom" }).fill(`Marc Petit ${tag}`);
  await page.getByRole("textbox", { name: "E-mail" }).fill(email);
  await page.getByRole("textbox", { name: "Mot de passe" }).fill("motdepasse-solide");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);

  // He can sign in (as a professional), and appears in the list.
  const login = await request.post("/api/auth/login", { data: { email, password: "motdepasse-solide" } });
  expect((await login.json()).user.role).toBe("PROFESSIONAL");
  await searchList(page, tag);
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toHaveCount(1);

  await row.click();
  await expect(page.getByRole("textbox", { name: "E-mail" })).toHaveValue(email);
  await page.getByRole("textbox", { name: "Nom" }).fill(`Marc Petit-Durand ${tag}`);
  await page.getByRole("switch", { name: "Actif" }).uncheck();
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(row).toContainText(`Marc Petit-Durand ${tag}`);
  await expect(page.getByRole("button", { name: "Supprimer" })).toHaveCount(0);

  // Deactivated: not offered when starting a conversation.
  await page.goto("/admin/conversations/create");
  await page.getByRole("combobox", { name: "Professionnel" }).fill(tag);
  await expect(page.getByRole("option", { name: new RegExp(tag) })).toHaveCount(0);
  await page.getByRole("combobox", { name: "Professionnel" }).fill("Sophie");
  await expect(page.getByRole("option", { name: /Sophie Bernard/ })).toBeVisible();
});
