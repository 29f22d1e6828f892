import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, startServer } from "./server.ts";

const root = path.resolve(import.meta.dirname, "..");

/**
 * Serves the built admin and portal with the real API on a free port, over a fresh embedded database
 * that the server migrates and fills with the demo accounts, as `npm start` does for a new user.
 */
export default async function globalSetup() {
  for (const app of ["admin", "portal"]) {
    if (!existsSync(path.join(root, app, "dist", "index.html"))) throw new Error(`${app} is not built: run npm run build first`);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "messagerie-e2e-"));
  const server = await startServer({ port: await freePort(), dataDir });
  process.env.E2E_BASE_URL = server.baseURL;

  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
