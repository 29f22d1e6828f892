import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { csvRecordCount, listTotal, loginInAdmin } from "./admin.ts";

async function exportedRecords(page: Page) {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Exporter" }).click();
  const file = await (await download).path();
  return csvRecordCount(await readFile(file, "utf8"));
}

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
