/**
 * Run after the front ends are built (npm run build): writes a Brotli (.br) and a gzip (.gz) copy beside every
 * text asset of admin/dist and portal/dist, at the highest levels, once — so the server never compresses per request.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "../../..");
const compressible = /\.(js|mjs|css|html|svg|json|txt|map|webmanifest)$/;

function* files(directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (compressible.test(entry.name)) yield full;
  }
}

for (const app of ["admin", "portal"]) {
  const dist = path.join(root, app, "dist");
  if (!statSync(dist, { throwIfNoEntry: false })?.isDirectory()) continue;
  let before = 0;
  let after = 0;
  for (const file of files(dist)) {
    const content = readFileSync(file);
    if (content.length < 1024) continue;
    const br = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
    before += content.length;
    after += br.length;
  }
  console.log(`${app}: ${(before / 1024).toFixed(0)} KiB of assets, ${(after / 1024).toFixed(0)} KiB with Brotli`);
}
