import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The built admin and portal served with the real API on `port`, over the embedded database in `dataDir`, which the
 * server migrates and fills with the demo accounts when empty, as `npm start` does for a new user. Resolves once it
 * answers /api/health; `stop` ends it (SIGTERM) and waits for it to exit.
 */
export async function startServer({ port, dataDir, quiet = false }: { port: number; dataDir: string; quiet?: boolean }) {
  const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "api/src/index.ts")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: "development", LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn", DATABASE_URL: "", REDIS_URL: "" },
    stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"],
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the server did not answer within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseURL,
    stop: async () => {
      if (server.exitCode !== null) return;
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    },
  };
}
