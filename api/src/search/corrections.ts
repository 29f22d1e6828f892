import { conversationScopeSql, type Actor } from "../access/policy.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { SEARCH_CONFIG } from "./query.ts";

/** A plain word of a search ("facutre"), as opposed to an operator, an exclusion or a quoted phrase. */
const PLAIN_WORD = /^[\p{L}\p{N}][\p{L}\p{N}'’-]*$/u;

/**
 * The search as it was probably meant, when it found nothing: each plain word replaced by the closest word of a
 * subject the actor may see, by trigram similarity (pg_trgm's `%`, over the SearchWord table's trigram index — the
 * way PostgreSQL's documentation pairs pg_trgm with full-text search). Null when nothing is worth correcting.
 * A pro's corrections are words of his own subjects only, as written there: no word of another pro's reaches him.
 */
export async function correctedSearch(prisma: PrismaClient, actor: Actor, text: string): Promise<string | null> {
  if (/"/.test(text)) return null; // a phrase means exactly what it says
  const tokens = text.split(/\s+/).filter(Boolean);
  const words = tokens.filter((token) => token !== "OR" && PLAIN_WORD.test(token) && token.length >= 3 && /\p{L}/u.test(token));
  if (words.length === 0) return null;
  const config = Prisma.raw(`'${SEARCH_CONFIG}'::regconfig`);
  const rows = await prisma.$queryRaw<Array<{ input: string; word: string | null }>>`
    SELECT input, (
      SELECT w.word FROM "SearchWord" w
      WHERE w.word % lower(unaccent(input))
        AND NOT EXISTS (SELECT 1 FROM "SearchWord" known WHERE known.word = lower(unaccent(input)))
        AND EXISTS (SELECT 1 FROM "Conversation" c WHERE ${conversationScopeSql(actor, "c")}
          AND c."subjectVector" @@ plainto_tsquery(${config}, w.word) AND w.word IN (SELECT search_words_of(c.subject)))
      ORDER BY similarity(w.word, lower(unaccent(input))) DESC, w.word
      LIMIT 1
    ) AS word
    FROM unnest(${words}::text[]) AS input`;
  const corrections = new Map(rows.filter((row) => row.word !== null).map((row) => [row.input, row.word as string]));
  if (corrections.size === 0) return null;
  return tokens.map((token) => corrections.get(token) ?? token).join(" ");
}
