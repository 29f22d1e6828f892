import { stringify } from "csv-stringify";
import type { Response } from "express";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { Actor } from "../access/policy.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { conversationOrder, conversationWhere } from "./filters.ts";
import { conversationInclude, presentConversation } from "./present.ts";
import type { ExportConversationsQuery } from "./schemas.ts";

const BATCH = 500;

const columns = [
  { key: "id", header: "id" },
  { key: "subject", header: "subject" },
  { key: "professionalName", header: "professional_name" },
  { key: "professionalEmail", header: "professional_email" },
  { key: "status", header: "status" },
  { key: "createdAt", header: "created_at" },
  { key: "lastMessageAt", header: "last_activity_at" },
  { key: "messageCount", header: "message_count" },
  { key: "unreadCount", header: "unread" },
];

/** A spreadsheet runs a cell starting with one of these as a formula: prefix it with a quote so it stays text. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Streams every conversation matching the list's filter, in batches, so memory stays flat whatever the count.
 * Offset batches on an order ending with the id are stable while nothing is written meanwhile.
 */
export async function exportConversationsCsv(prisma: PrismaClient, actor: Actor, query: ExportConversationsQuery, res: Response) {
  const where = conversationWhere(actor, query.filter);
  const orderBy = conversationOrder(query.sort);

  async function* rows() {
    for (let skip = 0; ; skip += BATCH) {
      const batch = await prisma.conversation.findMany({ where, orderBy, include: conversationInclude, skip, take: BATCH });
      for (const row of batch) {
        const conversation = presentConversation(row, actor);
        yield {
          ...conversation,
          professionalName: row.professional.name,
          professionalEmail: row.professional.email,
          createdAt: row.createdAt.toISOString(),
          lastMessageAt: row.lastMessageAt.toISOString(),
        };
      }
      if (batch.length < BATCH) return;
    }
  }

  const date = new Date().toISOString().slice(0, 10);
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.setHeader("Content-Disposition", `attachment; filename="conversations-${date}.csv"`);
  const csv = stringify({ header: true, columns, bom: true, cast: { string: neutraliseFormula } });
  await pipeline(Readable.from(rows()), csv, res);
}
