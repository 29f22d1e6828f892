import type { AddressInfo } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { pino } from "pino";
import { createApp } from "../src/app.ts";
import { signToken } from "../src/auth/tokens.ts";
import { databaseFrom } from "../src/db/database.ts";
import { deployMigrations } from "../src/db/migrate/index.ts";
import { inProcessBus } from "../src/events/bus.ts";
import { loadSettings } from "../src/settings.ts";
import { openPGlite } from "../src/db/pglite.ts";

/** The real app on a new in-memory embedded database, listening on a free port, with an admin and `pros` pros. */
export async function startBenchApp(pros: number) {
  const pglite = await openPGlite();
  await deployMigrations({ kind: "pglite", pglite });
  const database = databaseFrom({ kind: "pglite", pglite });
  const { prisma } = database;
  const settings = { ...loadSettings({ DATA_DIR: "/tmp/messagerie-bench", JWT_SECRET: "bench".padEnd(40, "-") }), logLevel: "silent" as const };
  const app = createApp({ database, settings, logger: pino({ level: "silent" }), events: inProcessBus() });
  const server = app.listen(0);
  server.keepAliveTimeout = 10 * 60_000; // long fills between rounds must not close the client's idle sockets
  await new Promise((resolve) => server.once("listening", resolve));

  const admin = await prisma.user.create({ data: { email: "bench-admin@x", name: "Admin", role: "ADMIN", passwordHash: "-" } });
  await prisma.user.createMany({
    data: Array.from({ length: pros }, (_, i) => ({ email: `bench-pro${i}@x`, name: `Pro ${i}`, role: "PROFESSIONAL" as const, passwordHash: "-" })),
  });
  const proUsers = await prisma.user.findMany({ where: { role: "PROFESSIONAL" }, select: { id: true, role: true } });
  return {
    prisma,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messaging`,
    pros: proUsers,
    tokens: { admin: signToken(admin, settings), pro: proUsers[0] ? signToken(proUsers[0], settings) : "" },
    sign: (user: { id: number; role: "ADMIN" | "PROFESSIONAL" }) => signToken(user, settings),
    async close() {
      server.close();
      await database.close();
    },
  };
}
