import { Prisma } from "../generated/prisma/client.ts";
import { messageScopeSql, type Actor } from "../access/policy.ts";
import { SEARCH_CONFIG } from "./query.ts";

/** Marks ts_headline puts around matches: control characters, which no UI shows and the JSON escapes. */
const START = "\u0002";
const STOP = "\u0003";
const MARKS = `StartSel=${START}, StopSel=${STOP}, MaxWords=24, MinWords=10`;
/** A short text is shown whole; a longer one as up to two fragments around its matches. */
const SHORT_TEXT = 160;
const FRAGMENTS = `${MARKS}, MaxFragments=2, FragmentDelimiter=" … "`;
/**
 * ts_headline's parser takes `<script>` for a tag and drops it: each `<` goes in as a private-use character and comes
 * back as `<` in the segments, so that a message's text is shown as it was written.
 */
const LESS_THAN = "\uE000";

/** The headline of `text` (SQL over a row) for `query`, with marked matches. */
function headlineSql(text: Prisma.Sql, query: Prisma.Sql): Prisma.Sql {
  const config = Prisma.raw(`'${SEARCH_CONFIG}'::regconfig`);
  const input = Prisma.sql`replace(${text}, '<', ${LESS_THAN})`;
  return Prisma.sql`ts_headline(${config}, ${input}, ${query}, CASE WHEN length(${text}) <= ${SHORT_TEXT} THEN ${MARKS} ELSE ${FRAGMENTS} END)`;
}

/**
 * The `match` column of a conversation row `c` found by `query`: the subject when it matches, else the best-matching
 * message the actor may see (a pro's never a note), as a headline with marked matches.
 */
export function matchColumnSql(actor: Actor, query: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`, CASE WHEN c."subjectVector" @@ ${query}
      THEN json_build_object('messageId', NULL, 'headline', ${headlineSql(Prisma.sql`c.subject`, query)})
      ELSE (SELECT json_build_object('messageId', m.id, 'headline', ${headlineSql(Prisma.sql`m.content`, query)})
            FROM "Message" m WHERE m."conversationId" = c.id AND ${messageScopeSql(actor, "m")} AND m."searchVector" @@ ${query}
            ORDER BY ts_rank(m."searchVector", ${query}) DESC, m.id DESC LIMIT 1)
    END AS match`;
}

export type Segment = { text: string; match: boolean };

/** A headline as plain-text segments, so that no UI ever renders HTML from the server. */
export function segmentsOf(headline: string): Segment[] {
  const segments: Segment[] = [];
  let match = false;
  let text = "";
  const flush = () => {
    if (text) segments.push({ text, match });
    text = "";
  };
  for (const char of headline) {
    if (char === START || char === STOP) {
      flush();
      match = char === START;
    } else text += char === LESS_THAN ? "<" : char;
  }
  flush();
  return segments;
}

/** The `snippet` column of a message row `m` found by `query`: its headline, with marked matches. */
export function messageSnippetColumnSql(query: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`, ${headlineSql(Prisma.sql`m.content`, query)} AS snippet`;
}

/** Message rows with a `snippet` headline → `snippet: Segment[]`. */
export function withMessageSnippets(json: string): string {
  const rows = JSON.parse(json) as Array<{ snippet?: string }>;
  return JSON.stringify(rows.map((row) => (typeof row.snippet === "string" ? { ...row, snippet: segmentsOf(row.snippet) } : row)));
}

/** Rows written by PostgreSQL with `match: {messageId, headline}` → `match: {messageId, snippet: Segment[]}`. */
export function withSnippets(json: string): string {
  const rows = JSON.parse(json) as Array<{ match?: { messageId: number | null; headline: string } | null }>;
  return JSON.stringify(
    rows.map((row) => (row.match ? { ...row, match: { messageId: row.match.messageId, snippet: segmentsOf(row.match.headline) } } : row)),
  );
}
