import { expect, test } from "@playwright/test";
import { apiLogin } from "../support.ts";
import { apiJson, listTotal, loginInAdmin, ticketFromPro, uniqueTag } from "./admin.ts";

type Stats = {
  firstResponse: { count: number };
  response: { count: number };
  satisfaction: { count: number; average: number | null };
  backlog: { unassigned: number; waitingOnProfessional: number };
};

test("the dashboard is the console's home, shows the API's figures, and a figure opens its tickets", async ({ page, request }) => {
  const admin = await apiLogin(request, "admin@demo.local");
  // An answered ticket and one nobody has taken yet, so that both kinds of figure are there.
  const answered = await ticketFromPro(request, "pro1@demo.local", `Tableau ${uniqueTag()}`);
  await apiJson(request, "POST", `/api/messaging/conversations/${answered.id}/messages`, admin, { content: "Voici la réponse." });
  await ticketFromPro(request, "pro2@demo.local", `Tableau ${uniqueTag()}`);
  const stats = await apiJson<Stats>(request, "GET", "/api/stats", admin);
  expect(stats.response.count).toBeGreaterThan(0);
  expect(stats.backlog.unassigned).toBeGreaterThan(0);

  await loginInAdmin(page, undefined, undefined, "/admin/");
  await expect(page.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();
  const card = (name: string) => page.getByRole("region", { name, exact: true });
  await expect(card("Temps de réponse")).toContainText(`sur ${stats.response.count} réponse`);
  await expect(card("Première réponse")).toContainText(`sur ${stats.firstResponse.count} ticket`);
  await expect(card("Satisfaction")).toContainText(`${stats.satisfaction.count} avis`);
  // The charts come in their own chunk, once the figures are there.
  await expect(card("Créés et fermés").locator("svg").first()).toBeVisible();
  await expect(card("Par administrateur")).toContainText("Alice Martin");

  await page.getByRole("link", { name: `Non assignés\u00a0: ${stats.backlog.unassigned}` }).click();
  await expect(page).toHaveURL(/\/admin\/conversations\?.*assigned/);
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  await expect.poll(() => listTotal(page)).toBe(stats.backlog.unassigned);
  await page.goto("/admin/");
  await expect(page.getByRole("region", { name: "Créés et fermés" }).locator("svg").first()).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/dashboard.png", fullPage: true });
});
