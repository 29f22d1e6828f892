import { expect, test } from "@playwright/test";
import { apiLogin } from "../support.ts";
import { apiJson, loginInPortal } from "./portal.ts";

test.use({ viewport: { width: 1280, height: 800 } });

test("a pro with 300 tickets reaches every one of them, the oldest unread one included", async ({ page, request }) => {
  const tag = `p${Date.now().toString(36)}`;
  const admin = await apiLogin(request, "admin@demo.local");
  const email = `volume.${tag}@demo.local`;
  const password = "Beaucoup-de-tickets-2026";
  await apiJson(request, "POST", "/api/users", admin, { email, name: "Pro Volumineux", role: "PROFESSIONAL", password });
  const login = await request.post("/api/auth/login", { data: { email, password } });
  const pro = { Authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
  // The first ticket gets an answer the pro has not read; 299 newer tickets then push it to the very bottom.
  const open = (i: number) => apiJson<{ id: number }>(request, "POST", "/api/messaging/conversations", pro, { subject: `Demande ${i} ${tag}`, content: "Bonjour" });
  const oldest = await open(1);
  await apiJson(request, "POST", `/api/messaging/conversations/${oldest.id}/messages`, admin, { content: "Réponse à la plus ancienne" });
  for (let i = 2; i <= 300; i++) await open(i);

  await loginInPortal(page, email, password);
  const list = page.getByRole("list", { name: "Conversations" });
  await expect(list.getByRole("link")).toHaveCount(50);
  for (const shown of [100, 150, 200, 250, 300]) {
    await list.getByRole("button", { name: /^Afficher plus/ }).click();
    await expect(list.getByRole("link")).toHaveCount(shown);
  }
  await expect(list.getByRole("button", { name: /^Afficher plus/ })).toHaveCount(0);
  await expect(list.getByRole("link").last()).toHaveAccessibleName(new RegExp(`Demande 1 ${tag}.*1 message non lu`));
});
