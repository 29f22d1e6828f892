import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

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

/** Rewrites engine failures into one readable error, with the panic message when there was one. */
export function engineError(error: unknown): MigrationEngineError {
  const panic = lastPanic;
  lastPanic = undefined;
  if (error instanceof MigrationEngineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // The engine appends a Rust span trace ("   0: schema_engine_wasm::..."): kept in `cause`, not shown.
  const readable = message.split(/\n\s*0: /)[0].trim();
  return new MigrationEngineError(panic ? `schema engine panicked: ${panic}` : readable, { cause: error });
}

export type EngineLog = (line: string) => void;

export async function startEngine(
  schema: { path: string; content: string },
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log: EngineLog = () => {},
): Promise<SchemaEngine> {
  installPanicRegistry();
  await loadWasm();
  try {
    return await glue.SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      log,
      bindMigrationAwareSqlAdapterFactory(adapterFactory),
    );
  } catch (error) {
    throw engineError(error);
  }
}
