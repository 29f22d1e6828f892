import { conversationScopeSql, type Actor } from "../access/policy.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { SEARCH_CONFIG } from "./query.ts";
import type { SqlReader } from "../db/sql.ts";

/** A plain word of a search ("facutre"), as opposed to an operator, an exclusion or a quoted phrase. */
const PLAIN_WORD = /^[\p{L}\p{N}][\p{L}\p{N}'’-]*$/u;

/**
 * The search as it was probably meant, when it found nothing: each plain word replaced by the closest word of a
 * subject the actor may see, by trigram similarity (pg_trgm's `%`, over the SearchWord table's trigram index — the
 * way PostgreSQL's documentation pairs pg_trgm with full-text search). Null when nothing is worth correcting.
 * A pro's corrections are words of his own subjects only, as written there: no word of another pro's reaches him —
 * nor does whether a word he typed is in anyone else's (a word is left alone when it is "known" in HIS subjects only:
 * known anywhere made the corrector an oracle over other pros' tickets). A correction is a typo's, a letter or two
 * away (`facutre` → `facture`): that search is run instead (`corrected`). A word merely sharing trigrams
 * (`remboursement` / `reglement`) is not one: the search says it found nothing and only offers the other word
 * (`suggested`, "Vouliez-vous dire…"), never listing what it finds unasked.
 */
export async function correctedSearch(prisma: SqlReader, actor: Actor, text: string): Promise<Correction | null> {
  if (/"/.test(text)) return null; // a phrase means exactly what it says
  const tokens = text.split(/\s+/).filter(Boolean);
  const words = tokens.filter((token) => token !== "OR" && PLAIN_WORD.test(token) && token.length >= 3 && /\p{L}/u.test(token));
  if (words.length === 0) return null;
  const config = Prisma.raw(`'${SEARCH_CONFIG}'::regconfig`);
  const rows = await prisma.$queryRaw<Array<{ input: string; word: string | null }>>`
    SELECT input, (
      SELECT w.word FROM "SearchWord" w
      WHERE w.word % lower(unaccent(input))
        AND NOT EXISTS (SELECT 1 FROM "Conversation" known WHERE ${conversationScopeSql(actor, "known")}
          AND known."subjectVector" @@ plainto_tsquery(${config}, input))
        AND EXISTS (SELECT 1 FROM "Conversation" c WHERE ${conversationScopeSql(actor, "c")}
          AND c."subjectVector" @@ plainto_tsquery(${config}, w.word) AND w.word IN (SELECT search_words_of(c.subject)))
      ORDER BY similarity(w.word, lower(unaccent(input))) DESC, w.word
      LIMIT 1
    ) AS word
    FROM unnest(${words}::text[]) AS input`;
  const found = rows.filter((row): row is { input: string; word: string } => row.word !== null);
  if (found.length === 0) return null;
  const replace = (pairs: typeof found) => {
    const corrections = new Map(pairs.map((row) => [row.input, row.word]));
    return tokens.map((token) => corrections.get(token) ?? token).join(" ");
  };
  const typos = found.filter((row) => isTypoOf(row.input, row.word));
  return { corrected: typos.length > 0 ? replace(typos) : null, suggested: replace(found) };
}

/** What a search that found nothing may have meant: run instead (a typo's), or only offered. */
export interface Correction {
  corrected: string | null;
  suggested: string;
}

/** Edits (a letter added, dropped, changed, or two swapped) that turn `a` into `b`: optimal string alignment. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) rows[0][j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/** A typo: one edit per four letters at most (one for a short word), accents and case aside. */
const isTypoOf = (typed: string, word: string) => {
  const plain = typed.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  return editDistance(plain, word) <= Math.max(1, Math.floor(plain.length / 4));
};
