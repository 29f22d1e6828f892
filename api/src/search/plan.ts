import { isAdmin, messageScopeSql, type Actor } from "../access/policy.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { excludedQuerySql, searchQuerySql } from "./query.ts";
import type { SqlReader } from "../db/sql.ts";
import type { SearchReaders } from "./statements.ts";

/** Up to this many matches, a word's matches are read from the GIN indexes as a list of conversations. */
const FEW_MATCHES = 1000;
/** A search's total is counted up to this many conversations; beyond, the answer says "more than" (X-Total-Bound). */
export const SEARCH_TOTAL_BOUND = 1000;

/**
 * How a search finds its conversations, as two conditions over `c` — its subject matches, a message the actor may see
 * matches — so that the list can rank subject matches first and the total can stop counting early.
 *
 * Two shapes, because no single plan is fast for both a rare and a common word at 1,000,000 messages (and
 * PostgreSQL's estimates for a tsquery cannot tell them apart reliably):
 * - a word with few matches: the conversations are read once from the GIN indexes (`c.id = ANY(…)`);
 * - a common word: the conversations are walked in the list's order and each is probed through its own messages
 *   (`EXISTS … OFFSET 0` keeps PostgreSQL from hashing every matching message first), which stops at the page.
 * A pro's own conversations are few: they are always walked, and the probe never looks at notes.
 */
export type SearchPlan = { query: Prisma.Sql; subject: Prisma.Sql; messages: Prisma.Sql };

/** A match by its messages alone, unless the subject holds a word the search excludes (`-mot`). */
const withoutExcludedSubject = (text: string, messages: Prisma.Sql) => {
  const excluded = excludedQuerySql(text);
  return excluded ? Prisma.sql`(${messages} AND NOT (c."subjectVector" @@ ${excluded}))` : messages;
};

/** The walking shape, which needs no database round trip (the CSV export streams every match anyway). */
export function walkingPlan(actor: Actor, text: string): SearchPlan {
  const query = searchQuerySql(text);
  return {
    query,
    subject: Prisma.sql`c."subjectVector" @@ ${query}`,
    messages: withoutExcludedSubject(text,
      Prisma.sql`EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id AND ${messageScopeSql(actor, "m")} AND m."searchVector" @@ ${query} OFFSET 0)`),
  };
}

/**
 * The shape for each search: admins first ask the GIN indexes how many rows match (at most FEW_MATCHES + 1 read; the
 * probe never scans the table, whatever PostgreSQL estimates: `readers.indexed`).
 * That a word is common in subjects and messages is remembered for a minute (walking is always right, only slower for a rare word); the
 * list of a rare word's conversations never is (a new message may add one).
 */
export function searchPlanner(readers: SearchReaders, { commonForMs = 60_000, maxEntries = 1000 } = {}) {
  // text → until when its subjects, and its messages, are known to be common (each on its own: a word common in
  // messages and rare in subjects was probed again on every page, the messages' half costing a whole GIN bitmap).
  const common = { subjects: new Map<string, number>(), messages: new Map<string, number>() };
  const known = (part: keyof typeof common, text: string) => (common[part].get(text) ?? 0) > Date.now();
  const remember = (part: keyof typeof common, text: string) => {
    const entries = common[part];
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(text, Date.now() + commonForMs);
  };

  async function conversations(actor: Actor, text: string): Promise<SearchPlan> {
    const walking = walkingPlan(actor, text);
    if (!isAdmin(actor)) return walking;
    const skipSubjects = known("subjects", text), skipMessages = known("messages", text);
    if (skipSubjects && skipMessages) return walking;
    const { query } = walking;
    const [few] = await readers.indexed.$queryRaw<Array<{ subjects: number[] | null; messages: number[] | null }>>`
      SELECT
        ${skipSubjects ? Prisma.sql`NULL::int[]` : Prisma.sql`(SELECT coalesce(array_agg(id), '{}') FROM (SELECT id FROM "Conversation" c WHERE c."subjectVector" @@ ${query} LIMIT ${FEW_MATCHES + 1}) s
          HAVING count(*) <= ${FEW_MATCHES})`} AS subjects,
        ${skipMessages ? Prisma.sql`NULL::int[]` : Prisma.sql`(SELECT coalesce(array_agg(DISTINCT "conversationId"), '{}') FROM (SELECT m."conversationId" FROM "Message" m WHERE m."searchVector" @@ ${query} LIMIT ${FEW_MATCHES + 1}) s
          HAVING count(*) <= ${FEW_MATCHES})`} AS messages`;
    if (!few.subjects && !skipSubjects) remember("subjects", text);
    if (!few.messages && !skipMessages) remember("messages", text);
    return {
      query,
      subject: few.subjects ? Prisma.sql`c.id = ANY(${few.subjects}::int[])` : walking.subject,
      messages: few.messages ? withoutExcludedSubject(text, Prisma.sql`c.id = ANY(${few.messages}::int[])`) : walking.messages,
    };
  }

  /**
   * A search of messages themselves, as a condition over `m` inside the actor's scope (as a search writes it): for an
   * admin, the GIN index is asked first, which also tells the (bounded) total — a word with few matches is then a
   * list of ids. Otherwise the page walks the messages newest first and stops at its end; `total` is then left to
   * count. That a word is common in messages is the same memory as the conversations' (a GIN bitmap of every match
   * of `facture` cost 160–200 ms at 5,000,000 messages, on every page).
   */
  async function messages(actor: Actor, text: string): Promise<{ condition: Prisma.Sql; total?: number }> {
    const matches = Prisma.sql`m."searchVector" @@ ${searchQuerySql(text)}`;
    if (!isAdmin(actor)) return { condition: matches };
    const many = { condition: matches, total: SEARCH_TOTAL_BOUND + 1 };
    if (known("messages", text)) return many;
    const [few] = await readers.indexed.$queryRaw<Array<{ ids: number[] | null }>>`
      SELECT (SELECT coalesce(array_agg(id), '{}') FROM (SELECT m.id FROM "Message" m WHERE ${matches} LIMIT ${FEW_MATCHES + 1}) s
        HAVING count(*) <= ${FEW_MATCHES}) AS ids`;
    if (!few.ids) {
      remember("messages", text);
      return many;
    }
    return { condition: Prisma.sql`m.id = ANY(${few.ids}::int[])`, total: few.ids.length };
  }

  return { conversations, messages };
}
export type SearchPlanner = ReturnType<typeof searchPlanner>;

/**
 * The rows of a page by relevance, over `base` (every other filter): subject matches first, then conversations where
 * only a message matches, each by latest activity. Two ordered walks, each stopping at the page's end.
 */
export function relevancePageSql(base: Prisma.Sql, plan: SearchPlan, skip: number, take: number): Prisma.Sql {
  const order = Prisma.sql`c."lastMessageAt" DESC, c.id DESC`;
  return Prisma.sql`SELECT * FROM (
      (SELECT c.*, 0 AS "searchTier" FROM "Conversation" c WHERE ${base} AND ${plan.subject} ORDER BY ${order} LIMIT ${skip + take})
      UNION ALL
      (SELECT c.*, 1 FROM "Conversation" c WHERE ${base} AND NOT (c."subjectVector" @@ ${plan.query}) AND ${plan.messages} ORDER BY ${order} LIMIT ${skip + take})
    ) c ORDER BY ${relevanceOrderSql} LIMIT ${take} OFFSET ${skip}`;
}
export const relevanceOrderSql = Prisma.sql`c."searchTier", c."lastMessageAt" DESC, c.id DESC`;

/** The number of conversations a search finds, counted up to SEARCH_TOTAL_BOUND + 1 (which means "more than"). */
export async function boundedSearchCount(reader: SqlReader, where: Prisma.Sql): Promise<number> {
  const [{ count }] = await reader.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM (SELECT 1 FROM "Conversation" c WHERE ${where} LIMIT ${SEARCH_TOTAL_BOUND + 1}) s`;
  return count;
}
