import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { loginInAdmin, searchList } from "./admin/admin.ts";
import { loginInPortal } from "./portal/portal.ts";

/**
 * axe-core on every main screen of both apps, in light and dark: no critical and no serious violation of any rule
 * that axe runs by default (WCAG A/AA, best practices and the rest). Each screen is checked once it shows its data;
 * a failure lists every rule broken and where.
 */
async function expectAccessible(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((violation) => violation.impact === "critical" || violation.impact === "serious");
  const report = serious.map((violation) =>
    `${violation.impact} ${violation.id} (${violation.nodes.length}): ${violation.help}\n` +
    violation.nodes.slice(0, 5).map((node) => `    ${node.target.join(" ")} — ${node.failureSummary?.split("\n").slice(1, 2).join(" ").trim()}`).join("\n"),
  );
  expect.soft(report, `${screen}:\n${report.join("\n")}`).toEqual([]);
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test(`portal screens have no critical or serious violation (${colorScheme})`, async ({ page }) => {
      await page.goto("/login");
      await expect(page.getByRole("button", { name: "Se connecter" })).toBeVisible();
      await expectAccessible(page, "portal login");

      await loginInPortal(page, "pro1@demo.local");
      await expect(page.getByRole("list", { name: "Conversations" }).getByRole("link").first()).toBeVisible();
      await expectAccessible(page, "portal conversations");

      await page.getByRole("list", { name: "Conversations" }).getByRole("link").first().click();
      await expect(page.getByRole("list", { name: "Messages" }).getByRole("listitem").first()).toBeVisible();
      await expectAccessible(page, "portal thread");

      await page.getByRole("searchbox", { name: "Rechercher dans mes conversations" }).fill("facture");
      await expect(page.getByRole("list", { name: "Conversations" }).locator("mark").first()).toBeVisible();
      await expectAccessible(page, "portal search");
      await page.getByRole("searchbox", { name: "Rechercher dans mes conversations" }).fill("");

      await page.getByRole("button", { name: "Nouvelle conversation" }).click();
      await expect(page.getByRole("dialog", { name: "Nouvelle conversation" })).toBeVisible();
      await expectAccessible(page, "portal new conversation");
    });

    test(`console screens have no critical or serious violation (${colorScheme})`, async ({ page }) => {
      await page.goto("/admin/conversations");
      await expect(page.getByRole("button", { name: "Connexion" })).toBeVisible();
      await expectAccessible(page, "console login");

      await loginInAdmin(page);
      await expect(page.getByRole("row").nth(1)).toBeVisible();
      await expectAccessible(page, "console tickets");

      await page.getByRole("row").nth(1).getByRole("cell").nth(1).click();
      await expect(page.getByRole("list", { name: "Messages" }).getByRole("listitem").first()).toBeVisible();
      await expectAccessible(page, "console ticket");

      await page.goto("/admin/conversations");
      await searchList(page, "facture");
      await expect(page.getByRole("row").nth(1).locator("mark").first()).toBeVisible();
      await expect(page.getByRole("progressbar")).toHaveCount(0);
      await expectAccessible(page, "console search");

      for (const [path, ready] of [
        ["/admin", "Tableau de bord"],
        ["/admin/users", "Professionnels"],
        ["/admin/categories", "Catégories"],
        ["/admin/templates", "Réponses types"],
        ["/admin/notifications", "E-mails envoyés"],
      ] as const) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1, name: ready }).or(page.getByText(ready).first())).toBeVisible();
        await expect(page.getByRole("progressbar")).toHaveCount(0);
        await expectAccessible(page, `console ${path}`);
      }
    });
  });
}
