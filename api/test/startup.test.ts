import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

/** Starts the real entry point, as `npm run serve` does, on a new embedded database; stops it after `use`. */
async function withServer(env: Record<string, string>, use: (base: string, output: () => string) => Promise<void>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "messagerie-start-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "api/src/index.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "warn", ...env, PORT: String(port), DATA_DIR: dataDir },
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
      if (await fetch(`${base}/api/health`).then((res) => res.ok, () => false)) break;
      if (i > 240) throw new Error(`server did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await use(base, () => output);
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const login = (base: string, email: string) =>
  fetch(`${base}/api/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password: "demo1234" }) });

describe("starting the server", () => {
  it("migrates a new embedded database, seeds the demo accounts and prints the URLs and logins", async () => {
    await withServer({ NODE_ENV: "development" }, async (base, output) => {
      expect(output()).toContain("/admin/");
      expect(output()).toContain("pro1@demo.local");
      for (const email of ["admin@demo.local", "pro1@demo.local", "pro2@demo.local"]) expect((await login(base, email)).status).toBe(200);
      const { token } = (await (await login(base, "pro2@demo.local")).json()) as { token: string };
      const list = await fetch(`${base}/api/messaging/conversations`, { headers: { Authorization: `Bearer ${token}` } });
      expect(((await list.json()) as unknown[]).length).toBeGreaterThan(0);
    });
  }, 120_000);

  it("never seeds demo data in production, and refuses to start without JWT_SECRET", async () => {
    await withServer({ NODE_ENV: "production", JWT_SECRET: "p".repeat(48) }, async (base, output) => {
      expect((await login(base, "admin@demo.local")).status).toBe(401);
      expect(output()).not.toContain("demo1234");
    });
    const child = spawn(process.execPath, ["--import", "tsx", "api/src/index.ts"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production", JWT_SECRET: "", DATA_DIR: mkdtempSync(path.join(tmpdir(), "messagerie-start-")) },
    });
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += chunk));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(errors).toContain("JWT_SECRET is required");
  }, 120_000);
});
