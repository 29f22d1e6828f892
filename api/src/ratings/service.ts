import { canRate, conversationScopeSql, type Actor } from "../access/policy.ts";
import { nowSql, type Clock } from "../clock.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { conflict, forbidden, notFound } from "../http/errors.ts";
import type { RateInput } from "./schemas.ts";

type Rated = { status: string; score: number | null; comment: string | null; ratedAt: Date | null };

/** Satisfaction: a pro rates a closing of his conversation once (a reopen and a new close allow another rating). */
export function ratingsService(prisma: PrismaClient, clock?: Clock) {
  return {
    async rate(actor: Actor, conversationId: number, { score, comment = null }: RateInput) {
      if (!canRate(actor)) throw forbidden("Only the professional of the conversation rates it");
      // One statement under the conversation's lock: the closing rated is the one the row shows now.
      const [row] = await prisma.$queryRaw<Rated[]>`
        WITH target AS (
          SELECT id, status, "closedAt" FROM "Conversation" WHERE id = ${conversationId} AND ${conversationScopeSql(actor)} FOR UPDATE
        ), rating AS (
          INSERT INTO "Rating" ("conversationId", "professionalId", score, comment, "closedAt", "createdAt")
          SELECT id, ${actor.id}, ${score}, ${comment}, "closedAt", ${nowSql(clock)} FROM target WHERE status = 'closed' AND "closedAt" IS NOT NULL
          ON CONFLICT ("conversationId", "closedAt") DO NOTHING
          RETURNING "conversationId", score, comment, "createdAt"
        ), kept AS (
          UPDATE "Conversation" c SET "ratingScore" = rating.score, "ratingComment" = rating.comment, "ratedAt" = rating."createdAt"
          FROM rating WHERE c.id = rating."conversationId"
        )
        SELECT target.status::text AS status, rating.score, rating.comment, rating."createdAt" AS "ratedAt"
        FROM target LEFT JOIN rating ON rating."conversationId" = target.id`;
      if (!row) throw notFound("Conversation not found");
      if (row.status !== "closed") throw conflict("Only a closed conversation can be rated", undefined, "not_closed");
      if (row.score === null || !row.ratedAt) throw conflict("This closing was already rated", undefined, "already_rated");
      return { score: row.score, comment: row.comment, ratedAt: row.ratedAt.toISOString() };
    },
  };
}
