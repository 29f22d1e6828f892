import { Router } from "express";
import { requireAdmin } from "../http/actor.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Clock } from "../clock.ts";
import type { Operation } from "../openapi/document.ts";
import type { BusinessHours } from "../calendar/businessHours.ts";
import { statsJsonSchema, statsQuery, timeseriesJsonSchema, timeseriesQuery } from "./schemas.ts";
import { statsOverview } from "./overview.ts";
import { timeseries } from "./timeseries.ts";

/** `/stats`: admins only. */
export function statsRoutes(prisma: PrismaClient, options: { businessHours?: BusinessHours; clock?: Clock }) {
  const router = Router();
  const stats = statsOverview(prisma, options);
  const overviewQuery = statsQuery(stats.now);
  const seriesQuery = timeseriesQuery(stats.now);
  router.use("/stats", requireAdmin);

  router.get("/stats", async (req, res) => {
    res.json(await stats.overview(overviewQuery.parse(req.query)));
  });

  router.get("/stats/timeseries", async (req, res) => {
    res.json(await timeseries(prisma, seriesQuery.parse(req.query)));
  });

  return router;
}

const query = statsQuery(() => new Date());
export const statsOperations: Operation[] = [
  {
    method: "get", path: "/api/stats", tag: "Statistics", access: "admin",
    summary: "First response, response and resolution times, volume, backlog, satisfaction, per admin, category and priority",
    query,
    responses: { 200: { description: "Durations in seconds (median, p90, mean); null where nothing was measured", schema: statsJsonSchema } },
  },
  {
    method: "get", path: "/api/stats/timeseries", tag: "Statistics", access: "admin",
    summary: "The same counts and medians per day, week or month",
    query: timeseriesQuery(() => new Date()),
    responses: { 200: { description: "One row per bucket, empty ones included", schema: timeseriesJsonSchema } },
  },
];
