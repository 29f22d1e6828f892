import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { Upload } from "../api/src/attachments/service.ts";

/** A screenshot of a failed update, drawn for the demo (an SVG turned into the PNG a pro would paste). */
export async function demoScreenshot(): Promise<Upload> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="720" height="420">
    <rect width="720" height="420" fill="#eef1f5"/>
    <rect x="110" y="90" width="500" height="240" rx="14" fill="#fff" stroke="#c8ced8"/>
    <circle cx="170" cy="160" r="26" fill="#d32f2f"/><text x="170" y="170" font-size="30" text-anchor="middle" fill="#fff" font-family="sans-serif">!</text>
    <text x="215" y="152" font-size="24" font-family="sans-serif" fill="#1d2433">Échec de la mise à jour</text>
    <text x="215" y="184" font-size="17" font-family="sans-serif" fill="#4a5366">Code erreur 0x80070643 — réessayez plus tard.</text>
    <rect x="450" y="260" width="130" height="44" rx="8" fill="#1565c0"/>
    <text x="515" y="288" font-size="18" text-anchor="middle" fill="#fff" font-family="sans-serif">Réessayer</text>
  </svg>`;
  const buffer = await sharp(Buffer.from(svg)).png().toBuffer();
  return received("capture-mise-a-jour.png", buffer);
}

/** A one-page PDF invoice (hand-written PDF 1.4: header, four objects, cross-reference table). */
export async function demoInvoice(): Promise<Upload> {
  const text = "BT /F1 18 Tf 72 760 Td (Facture 2026-09 - Paul Durand) Tj 0 -32 Td /F1 12 Tf (Abonnement Pro, septembre : 29,00 EUR TTC) Tj ET";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((object, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const buffer = Buffer.from(pdf, "latin1");
  return received("facture-2026-09.pdf", buffer);
}

/** A file as the API receives one: on disk, in a temporary folder. */
async function received(originalname: string, buffer: Buffer): Promise<Upload> {
  const folder = await mkdtemp(path.join(tmpdir(), "messagerie-demo-"));
  const file = path.join(folder, originalname);
  await writeFile(file, buffer);
  return { originalname, path: file, size: buffer.length };
}
