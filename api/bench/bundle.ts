/**
 * npm run bench:bundle — what a browser downloads before the first screen of each app (after npm run build): the
 * entry script and every chunk index.html preloads, gzipped (level 9, as a server would send them), against the
 * targets of "Both apps as a person meets them" (console 300 kB, portal 150 kB): in both apps that is the sign-in
 * form. Then, for information, what a signed-in user downloads before his first screen, and the lazy rest.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "../..");
// `signedIn`: the lazy chunks a signed-in user's first screen needs (the console's ticket list, the pro's Messagerie).
const apps = [
  { name: "console (admin/)", dist: path.join(root, "admin/dist"), base: "/admin/", targetKb: 300, signedIn: [/^App-.*\.js$/], screen: "the ticket list" },
  { name: "portal (portal/)", dist: path.join(root, "portal/dist"), base: "/", targetKb: 150, signedIn: [/^SignedInShell-.*\.js$/, /^MessagingTab-.*\.js$/], screen: "the Messagerie tab" },
];

/** A chunk and every chunk it imports statically (what the browser fetches before running it), as assets/ paths. */
async function closure(dist: string, file: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = await readFile(path.join(dist, file), "utf8");
  for (const match of code.matchAll(/(?:import|from)\s*"\.\/([^"]+\.js)"/g)) await closure(dist, `assets/${match[1]}`, seen);
  return seen;
}

const kb = (bytes: number) => bytes / 1024;
let missed = 0;
for (const app of apps) {
  const html = await readFile(path.join(app.dist, "index.html"), "utf8");
  const initial = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((match) =>
    match[1].replace(app.base, ""),
  );
  const sizes = async (files: string[]) =>
    Promise.all(files.map(async (file) => ({ file, gzip: gzipSync(await readFile(path.join(app.dist, file)), { level: 9 }).length })));
  const first = await sizes(initial);
  const all = (await readdir(path.join(app.dist, "assets"))).filter((file) => file.endsWith(".js")).map((file) => `assets/${file}`);
  const later = await sizes(all.filter((file) => !initial.includes(file)));
  const total = first.reduce((sum, entry) => sum + entry.gzip, 0);
  const ok = kb(total) < app.targetKb;
  if (!ok) missed += 1;
  console.log(`${app.name}: first load ${kb(total).toFixed(1)} kB gzipped in ${first.length} file(s) — target < ${app.targetKb} kB: ${ok ? "ok" : "MISSED"} (${(kb(total) / app.targetKb).toFixed(2)} of it)`);
  for (const entry of first) console.log(`  first  ${kb(entry.gzip).toFixed(1).padStart(7)} kB  ${entry.file}`);
  const seen = new Set<string>();
  for (const chunk of all.filter((file) => app.signedIn.some((pattern) => pattern.test(path.basename(file))))) await closure(app.dist, chunk, seen);
  const needed = [...seen].filter((file) => !initial.includes(file));
  const more = (await sizes(needed)).reduce((sum, entry) => sum + entry.gzip, 0);
  console.log(`  signed in, before ${app.screen}: ${kb(total + more).toFixed(1)} kB (the first load and ${kb(more).toFixed(1)} kB in ${needed.length} chunk(s), no target)`);
  const lazy = later.reduce((sum, entry) => sum + entry.gzip, 0);
  console.log(`  later  ${kb(lazy).toFixed(1).padStart(7)} kB  in ${later.length} chunk(s) loaded when their screen opens`);
}
process.exit(missed ? 1 : 0);
