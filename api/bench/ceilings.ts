/**
 * The ceilings the API is measured against, each in its own process (started by bench:api):
 *   hello   — (a) an Express 5 route answering a small JSON;
 *   select1 — (b) an Express 5 route running `SELECT 1` through the same Prisma client, adapter and pool as the API.
 */
import express from "express";
import { databaseFrom } from "../src/db/database.ts";

const which = process.argv[2];
const app = express();
if (which === "select1") {
  const { prisma } = databaseFrom({ kind: "postgres", url: process.env.DATABASE_URL ?? "" }, { poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  app.get("/", async (_req, res) => {
    const rows = await prisma.$queryRaw<{ one: number }[]>`SELECT 1 AS one`;
    res.json({ count: rows[0].one });
  });
} else {
  app.get("/", (_req, res) => void res.json({ count: 1 }));
}
const server = app.listen(0, () => {
  const address = server.address();
  console.log(`PORT ${typeof address === "object" && address ? address.port : 0}`);
});
