import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const BENCH_SECRET = "bench-secret-".padEnd(48, "x");

export type ServerProcess = { base: string; child: ChildProcess; rssMb(): number; stop(): Promise<void> };

/** Starts a server in its own process (so that load generation never shares its event loop) and waits for its port. */
export function startProcess(args: string[], env: NodeJS.ProcessEnv, portPattern: RegExp): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no port after 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = portPattern.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stdout?.resume(); // keep draining: a full pipe would block the server
      resolve({
        base: `http://127.0.0.1:${match[1]}`,
        child,
        rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) / 1024,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
}

/**
 * The API as production runs it: NODE_ENV=production, on the PostgreSQL at `databaseUrl`. BENCH_CPU_PROF=<folder>:
 * a V8 CPU profile of it written there when it stops (open it in Chrome's DevTools).
 */
export const startApi = (databaseUrl: string, env: NodeJS.ProcessEnv = {}) =>
  startProcess(
    [...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), "api/src/index.ts"],
    { NODE_ENV: "production", JWT_SECRET: BENCH_SECRET, DATABASE_URL: databaseUrl, PORT: "0", LOG_LEVEL: "warn", REDIS_URL: "", ...env },
    /API:\s+http:\/\/localhost:(\d+)\/api/,
  );

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
