import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { expect, test, type Page } from "@playwright/test";
import { apiTotal, csvRecordCount, listTotal, loginInAdmin } from "./admin.ts";

async function exported(page: Page, format: "CSV" | "CSV (Excel, français)") {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Exporter" }).click();
  await page.getByRole("menuitem", { name: format, exact: true }).click();
  return readFile(await (await download).path(), "utf8");
}
const exportedRecords = async (page: Page) => csvRecordCount(await exported(page, "CSV"));

test("the CSV export holds exactly the rows the filtered list counts", async ({ page }) => {
  await loginInAdmin(page);
  for (const tab of [/^Tous/, /^Fermés/, /^Ouverts/]) {
    await page.getByRole("tab", { name: tab }).click();
    await expect(page.getByRole("tab", { name: tab, selected: true })).toBeVisible();
    // Settled: no request under way (react-admin's app-bar progress bar is gone).
    await expect(page.getByRole("progressbar")).toHaveCount(0);
    const total = await listTotal(page);
    expect(total).toBeGreaterThan(0);
    expect(await exportedRecords(page), `${tab}`).toBe(total);
  }
});

test("the export for French Excel is separated by semicolons, in French, and holds the same rows", async ({ page, request }) => {
  await loginInAdmin(page);
  await page.getByRole("tab", { name: /^Tous/ }).click();
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  // What the API counts for the same view (the list's label may still be settling).
  const total = await apiTotal(request, {});
  const text = await exported(page, "CSV (Excel, français)");
  const rows = parse(text, { bom: true, columns: true, delimiter: ";" }) as Record<string, string>[];
  expect(rows).toHaveLength(total);
  expect(Object.keys(rows[0]).slice(0, 5)).toEqual(["N°", "Sujet", "Professionnel", "E-mail du professionnel", "Statut"]);
  expect(rows.every((row) => row.Statut === "Ouvert" || row.Statut === "Fermé")).toBe(true);
  expect(rows[0]["Créé le"]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
});
