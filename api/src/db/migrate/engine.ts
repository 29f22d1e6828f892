import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { ErrorRegistry, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export type { SchemaEngine };

// The package's own entry imports the .wasm file as an ES module, which Node 20 cannot do:
// instantiate it by hand with its JS glue, once per process (the glue holds one module-level instance).
let ready: Promise<void> | undefined;

// @types/node 20 leaves the WebAssembly global undeclared (it comes with the DOM lib): the part used here.
type WasmApi = {
  instantiate(bytes: Uint8Array, imports: Record<string, object>): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

function isWasmApi(value: unknown): value is WasmApi {
  return typeof value === "object" && value !== null && "instantiate" in value && typeof value.instantiate === "function";
}

function loadWasm(): Promise<void> {
  ready ??= (async () => {
    // The .wasm file is not in the package's "exports": locate it beside the exported glue.
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = gluePath.replace(/\.js$/, ".wasm");
    const bytes = await readFile(wasmPath);
    const wasmApi: unknown = Reflect.get(globalThis, "WebAssembly");
    if (!isWasmApi(wasmApi)) throw new Error("this runtime has no WebAssembly support");
    const { instance } = await wasmApi.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start === "function") start();
  })();
  return ready;
}

/** Last Rust panic message, reported by the engine through a global registry (trap 7). */
let lastPanic: string | undefined;

declare global {
  // The wasm glue calls `global.PRISMA_WASM_PANIC_REGISTRY.set_message(...)` when the engine panics;
  // without this object a panic turns into an opaque "cannot read properties of undefined".
  var PRISMA_WASM_PANIC_REGISTRY: { set_message(message: string): void } | undefined;
}

function installPanicRegistry(): void {
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      lastPanic = message;
    },
  };
}

export class MigrationEngineError extends Error {
  override name = "MigrationEngineError";
}

/**
 * Rewrites engine failures into one readable error: the panic message when there was one, and the
 * original JS error where the engine only says "External error id#N" (errors thrown by the adapters,
 * such as a refused shadow database, are parked in the bound factory's registry under that id).
 */
export function engineError(error: unknown, registry?: ErrorRegistry): MigrationEngineError {
  const panic = lastPanic;
  lastPanic = undefined;
  if (error instanceof MigrationEngineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const original = id === undefined ? undefined : registry?.consumeError(Number(id))?.error;
  if (original instanceof MigrationEngineError) return original;
  // The engine appends a Rust span trace ("   0: schema_engine_wasm::..."): kept in `cause`, not shown,
  // except the migration it names, which the message itself leaves out.
  const [head, trace = ""] = message.split(/\n\s*0: /, 2);
  const readable = original instanceof Error ? original.message : head.trim();
  const migration = /migration_name="([^"]+)"/.exec(trace)?.[1];
  const text = migration ? `migration ${migration}: ${readable}` : readable;
  return new MigrationEngineError(panic ? `schema engine panicked: ${panic}` : text, { cause: original ?? error });
}

export type EngineLog = (line: string) => void;

export type Engine = { engine: SchemaEngine; explain(error: unknown): MigrationEngineError };

export async function startEngine(
  schema: { path: string; content: string },
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log: EngineLog = () => {},
): Promise<Engine> {
  installPanicRegistry();
  await loadWasm();
  const bound = bindMigrationAwareSqlAdapterFactory(adapterFactory);
  const explain = (error: unknown) => engineError(error, bound.errorRegistry);
  try {
    const engine = await glue.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, log, bound);
    return { engine, explain };
  } catch (error) {
    throw explain(error);
  }
}
