import { expect, test, type Page } from "@playwright/test";
import { loginInAdmin, searchList, uniqueTag } from "./admin/admin.ts";
import { loginInPortal, openTicket } from "./portal/portal.ts";

test.use({ viewport: { width: 1400, height: 860 } });

/** Pastes a screenshot (a 640×360 PNG drawn on a canvas) into `selector`, as Ctrl+V of a capture does. */
async function pasteScreenshot(page: Page, selector: string) {
  await page.locator(selector).evaluate(async (target) => {
    const canvas = document.createElement("canvas");
    canvas.width = 640;
    canvas.height = 360;
    const context = canvas.getContext("2d")!;
    context.fillStyle = "#1565c0";
    context.fillRect(0, 0, 640, 360);
    context.fillStyle = "#fff";
    context.font = "40px sans-serif";
    context.fillText("Erreur 0x80070643", 60, 190);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), "image/png"));
    const data = new DataTransfer();
    data.items.add(new File([blob], "image.png", { type: "image/png" }));
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
}

test("a pro pastes a screenshot; the admin sees its thumbnail, opens it full size, and answers with a PDF the pro downloads", async ({ browser }) => {
  const subject = `Capture écran ${uniqueTag()}`;
  const pro = await (await browser.newContext()).newPage();
  await loginInPortal(pro, "pro1@demo.local");
  const { id } = await openTicket(pro.request, "pro1@demo.local", subject);
  await pro.goto(`/messagerie/${id}`);
  await expect(pro.getByRole("heading", { level: 2, name: subject })).toBeVisible();

  await pro.getByRole("textbox", { name: /Votre message/ }).fill("Voici ce que j'obtiens :");
  await pasteScreenshot(pro, "textarea[aria-invalid]");
  await expect(pro.getByText(/^capture-\d{4}-\d{2}-\d{2}-\d{4}\.png · /)).toBeVisible();
  await pro.getByRole("button", { name: "Envoyer" }).click();
  const sent = pro.getByRole("list", { name: "Messages" }).getByRole("img", { name: /^capture-.*\.png$/ });
  await expect(sent).toBeVisible();
  await expect.poll(() => sent.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);

  const admin = await (await browser.newContext()).newPage();
  await loginInAdmin(admin);
  await searchList(admin, subject);
  await admin.getByRole("row").filter({ hasText: subject }).click();
  await expect(admin.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const thumbnail = admin.getByRole("list", { name: "Messages" }).getByRole("img", { name: /^capture-.*\.png$/ });
  await expect(thumbnail).toBeVisible();
  // The thumbnail is the API's (WebP, 480 px at most), not the original.
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(480);
  await admin.getByRole("button", { name: /^Agrandir capture-.*\.png$/ }).click();
  const full = admin.getByRole("dialog").getByRole("img", { name: /^capture-.*\.png$/ });
  await expect.poll(() => full.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(640);
  await admin.getByRole("dialog").getByRole("button", { name: "Fermer" }).click();

  // The admin answers with a PDF chosen with "Joindre un fichier".
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
  await admin.getByTestId("attachment-input").setInputFiles({ name: "facture-corrigée.pdf", mimeType: "application/pdf", buffer: pdf });
  await expect(admin.getByText(/^facture-corrigée\.pdf · /)).toBeVisible();
  await admin.getByRole("textbox", { name: "Votre réponse" }).fill("Voici votre facture corrigée.");
  await admin.getByRole("button", { name: "Envoyer" }).click();
  await expect(admin.getByRole("list", { name: "Messages" }).getByRole("link", { name: /facture-corrigée\.pdf/ })).toBeVisible();

  await pro.reload();
  const download = pro.getByRole("list", { name: "Messages" }).getByRole("link", { name: /facture-corrigée\.pdf/ });
  await expect(download).toBeVisible();
  const [file] = await Promise.all([pro.waitForEvent("download"), download.click()]);
  expect(file.suggestedFilename()).toBe("facture-corrigée.pdf");
});
