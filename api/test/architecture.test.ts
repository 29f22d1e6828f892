import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The rules of api/src's layout, read from the code as it stands (tests and the generated client left out). */
const root = path.resolve(import.meta.dirname, "../src");
const sources = (readdirSync(root, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
  .map((entry) => path.join(entry.parentPath, entry.name))
  .filter((file) => !file.includes(`${path.sep}generated${path.sep}`));
const relative = (file: string) => path.relative(root, file);
/** A folder of api/src, or a top-level file: what may not import back what imports it. */
const unitOf = (file: string) => relative(file).split(path.sep)[0];
const textOf = new Map(sources.map((file) => [file, readFileSync(file, "utf8")]));

function importGraph() {
  const graph = new Map<string, Set<string>>();
  for (const [file, text] of textOf) {
    for (const [, target] of text.matchAll(/(?:import|export)[^;]*?from\s+"(\.[^"]+)"/g)) {
      const resolved = path.resolve(path.dirname(file), target);
      if (!resolved.startsWith(root) || resolved.includes(`${path.sep}generated${path.sep}`)) continue;
      const [from, to] = [unitOf(file), unitOf(resolved)];
      if (from !== to) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

describe("api/src's layout", () => {
  it("no two folders (or top-level files) import each other, directly or through others", () => {
    const graph = importGraph();
    const reaches = (from: string, to: string) => {
      const seen = new Set<string>();
      const stack = [...(graph.get(from) ?? [])];
      while (stack.length > 0) {
        const next = stack.pop()!;
        if (next === to) return true;
        if (!seen.has(next)) seen.add(next), stack.push(...(graph.get(next) ?? []));
      }
      return false;
    };
    const circles = [...graph].flatMap(([from, targets]) => [...targets].filter((to) => reaches(to, from)).map((to) => `${from} -> ${to}`));
    expect(circles).toEqual([]);
  });

  it("visibility: no `internal` condition on messages outside access/policy.ts", () => {
    // As SQL writes it (`NOT m.internal`, `m.internal = false`, `internal IS TRUE`) or Prisma's `where: { internal: … }`.
    const condition = /\bNOT\s+(?:\w+\.)?"?internal\b|(?:\w\.|")internal"?\s*(?:=|<>|IS)\s*(?:NOT\s+)?(?:false|true)\b|where:\s*\{[^}]*\binternal:/i;
    const outside = sources.filter((file) => relative(file) !== path.join("access", "policy.ts") && condition.test(textOf.get(file)!));
    expect(outside.map(relative)).toEqual([]);
  });

  it("messages are written by messages/ alone", () => {
    const writes = /INSERT INTO "Message"|\.message\.(?:create|createMany|update|updateMany|upsert)\(/;
    const writers = sources.filter((file) => writes.test(textOf.get(file)!)).map(relative);
    expect(writers.every((file) => file.startsWith(`messages${path.sep}`))).toBe(true);
  });

  it("access/policy.ts decides and imports neither http/ nor events/", () => {
    const policy = textOf.get(path.join(root, "access", "policy.ts"))!;
    expect(policy).not.toMatch(/from "\.\.\/(?:http|events)\//);
  });

  it("no source file is over 300 lines", () => {
    const long = sources.map((file) => [relative(file), textOf.get(file)!.split("\n").length] as const).filter(([, lines]) => lines > 300);
    expect(long).toEqual([]);
  });
});
