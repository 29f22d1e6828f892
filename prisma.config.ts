import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI tries to download a native schema engine that these machines cannot reach.
// Naming an existing file skips that download; generation never runs it. Migrations go through
// `npm run db:migrate`, which drives the WebAssembly engine instead (prisma/migrate.ts).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "prisma", "schema-engine-stub.sh");

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
});
