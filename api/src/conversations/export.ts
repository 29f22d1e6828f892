import type { Response } from "express";
import type { Actor } from "../access/policy.ts";
import { unreadCounterOf } from "../access/policy.ts";
import { isoTimestamp } from "../db/sql.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { conversationWhereSql, sortColumnTypes, sortKeySql } from "./filters.ts";
import type { ExportConversationsQuery, ExportFormat } from "./schemas.ts";

const BATCH = 2000;

/**
 * Two dialects of the same columns: the standard one (comma, English headers and values, ISO dates in UTC) and one
 * that French Excel opens as it is (semicolon, French headers and values, dates in Europe/Paris).
 */
type Dialect = { separator: string; headers: string[]; status: string; priority: string; waitingOn: string; date: (column: string) => string };

const dialects: Record<ExportFormat, Dialect> = {
  csv: {
    separator: ",",
    headers: [
      "id", "subject", "professional_name", "professional_email", "status", "created_at", "last_activity_at", "message_count", "unread",
      "category", "priority", "assignee", "waiting_on", "waiting_since", "first_response_seconds", "resolution_seconds", "satisfaction", "attachments",
    ],
    status: "c.status::text",
    priority: "c.priority::text",
    waitingOn: `COALESCE(c."waitingOn"::text, '')`,
    date: isoTimestamp,
  },
  "excel-fr": {
    separator: ";",
    headers: [
      "N°", "Sujet", "Professionnel", "E-mail du professionnel", "Statut", "Créé le", "Dernière activité", "Messages", "Non lus",
      "Catégorie", "Priorité", "Assigné à", "En attente de", "En attente depuis", "Première réponse (s)", "Résolution (s)", "Satisfaction", "Pièces jointes",
    ],
    status: `CASE c.status WHEN 'open' THEN 'Ouvert' ELSE 'Fermé' END`,
    priority: `CASE c.priority WHEN 'low' THEN 'Basse' WHEN 'normal' THEN 'Normale' WHEN 'high' THEN 'Haute' ELSE 'Urgente' END`,
    waitingOn: `CASE c."waitingOn" WHEN 'ADMIN' THEN 'Administration' WHEN 'PROFESSIONAL' THEN 'Professionnel' ELSE '' END`,
    date: (column) => `to_char((${column} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris', 'DD/MM/YYYY HH24:MI')`,
  },
};

/**
 * A text cell as RFC 4180 quotes it; a cell a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) is prefixed with a quote so it stays text. In SQL, so that PostgreSQL hands over finished lines
 * and the export runs at its pace, not at the pace of mapping rows in JavaScript.
 */
const cell = (column: string) =>
  `'"' || replace(CASE WHEN ${column} ~ '^[-=+@\\t\\r]' THEN '''' || ${column} ELSE ${column} END, '"', '""') || '"'`;

/**
 * Streams every conversation matching the list's filter, in its order, as CSV: keyset batches (each starts after the
 * last row of the previous one, so the last batch costs what the first did) inside one REPEATABLE READ transaction,
 * so the export is the list as it stood when it began — no row twice, none skipped, whatever is written meanwhile.
 */
export async function exportConversationsCsv(prisma: PrismaClient, actor: Actor, query: ExportConversationsQuery, res: Response, format: ExportFormat = "csv") {
  const dialect = dialects[format];
  const where = conversationWhereSql(actor, query.filter);
  const { field, order } = query.sort;
  const sortColumn = Prisma.raw(sortKeySql(field));
  const direction = Prisma.raw(order === "asc" ? "ASC" : "DESC");
  const after = Prisma.raw(order === "asc" ? ">" : "<");
  const line = Prisma.raw(
    [
      "c.id",
      cell("c.subject"),
      cell("u.name"),
      cell("u.email"),
      dialect.status,
      dialect.date('c."createdAt"'),
      dialect.date('c."lastMessageAt"'),
      'c."messageCount"',
      `c."${unreadCounterOf(actor)}"`,
      `COALESCE(${cell("k.name")}, '')`,
      dialect.priority,
      `COALESCE(${cell("a.name")}, '')`,
      dialect.waitingOn,
      `COALESCE(${dialect.date('c."waitingSince"')}, '')`,
      // Whole seconds, as the statistics count them: a pro-opened ticket's first reply; a closed ticket's last close.
      `CASE WHEN c."openedBy" = 'PROFESSIONAL' AND c."firstAdminReplyAt" IS NOT NULL
        THEN round(extract(epoch FROM c."firstAdminReplyAt" - c."createdAt"))::bigint::text ELSE '' END`,
      `CASE WHEN c.status = 'closed' AND c."closedAt" IS NOT NULL THEN round(extract(epoch FROM c."closedAt" - c."createdAt"))::bigint::text ELSE '' END`,
      `COALESCE(c."ratingScore"::text, '')`,
      // Files of the ticket (its notes' included: the export is admins'), counted by an index alone.
      `(SELECT count(*) FROM "Attachment" f WHERE f."conversationId" = c.id)`,
    ].join(", "),
  );

  type Batch = Array<{ line: string; key: string; id: number }>;
  const batch = (tx: Prisma.TransactionClient, last?: { key: string; id: number }) =>
    tx.$queryRaw<Batch>`
      SELECT concat_ws(${dialect.separator}, ${line}) AS line, ${sortColumn}::text AS key, c.id
      FROM "Conversation" c JOIN "User" u ON u.id = c."professionalId"
        LEFT JOIN "Category" k ON k.id = c."categoryId" LEFT JOIN "User" a ON a.id = c."adminId"
      WHERE ${where}
        ${last ? Prisma.sql`AND (${sortColumn}, c.id) ${after} (${last.key}::${Prisma.raw(sortColumnTypes[field])}, ${last.id}::int)` : Prisma.empty}
      ORDER BY ${sortColumn} ${direction}, c.id ${direction}
      LIMIT ${BATCH}`;

  await prisma.$transaction(
    async (tx) => {
      let rows = await batch(tx);
      const date = new Date().toISOString().slice(0, 10);
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="conversations-${date}${format === "csv" ? "" : `-${format}`}.csv"`);
      res.write(`\uFEFF${dialect.headers.join(dialect.separator)}\r\n`);
      for (;;) {
        const chunk = rows.map((row) => row.line).join("\r\n");
        // Wait for a slow client (or its departure) rather than buffering the whole export.
        if (rows.length && !res.write(`${chunk}\r\n`)) await new Promise((resolve) => res.once("drain", resolve).once("close", resolve));
        if (rows.length < BATCH || res.destroyed) break;
        const last = rows[rows.length - 1];
        rows = await batch(tx, last);
      }
      res.end();
    },
    // A long export holds one pooled connection and no lock: REPEATABLE READ reads a snapshot.
    { isolationLevel: "RepeatableRead", maxWait: 5000, timeout: 60 * 60_000 },
  );
}
