import type { PGlite } from "@electric-sql/pglite";
import { mockMigrationAwareAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { expect, it } from "vitest";
import { MigrationEngineError, startEngine } from "./engine.ts";
import { SLOW } from "./testing.ts";
import { openPGlite } from "../pglite.ts";

const schema = { path: "schema.prisma", content: 'datasource db {\n  provider = "postgresql"\n}\n' };

it("reports an adapter's own error instead of the engine's 'External error id#N'", async () => {
  // The mock adapter rejects every query with an error of its own.
  const failure = startEngine(schema, mockMigrationAwareAdapterFactory("postgres"));
  await expect(failure).rejects.toBeInstanceOf(MigrationEngineError);
  await expect(failure).rejects.not.toThrow(/External error id/);
});

// Trap 7: the engine reports Rust panics through a global registry; without it a panic is an opaque
// TypeError. (A panic poisons the wasm instance: this file runs in a process of its own.)
it("turns an engine panic into an error carrying the panic message", async () => {
  const db = await openPGlite();
  try {
    const { engine, explain } = await startEngine(schema, new PrismaPGlite(db));
    expect(globalThis.PRISMA_WASM_PANIC_REGISTRY).toBeDefined();
    expect(() => {
      try {
        engine.debugPanic();
      } catch (error) {
        throw explain(error);
      }
    }).toThrow(/^schema engine panicked: .+/);
  } finally {
    await db.close();
  }
}, SLOW);
