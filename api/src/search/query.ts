import { Prisma } from "../generated/prisma/client.ts";

/** The text search configuration the migration made: French stemming after unaccent. */
export const SEARCH_CONFIG = "french_unaccent";

/**
 * What a person typed, as a tsquery: web-search syntax (quoted phrases, `-exclusion`, `OR`), and the last word also
 * as a prefix so that search-as-you-type finds "facture" from "fact". PostgreSQL parses it; nothing typed can break
 * the query (a word that is not plain letters or digits is simply not used as a prefix).
 */
export function searchQuerySql(text: string): Prisma.Sql {
  const config = Prisma.raw(`'${SEARCH_CONFIG}'::regconfig`);
  const full = Prisma.sql`websearch_to_tsquery(${config}, ${text})`;
  const match = /(^|\s)([\p{L}\p{N}]{2,})$/u.exec(text.trim());
  if (!match || /"/.test(text)) return full;
  const head = text.trim().slice(0, match.index).trim();
  const prefix = Prisma.sql`to_tsquery(${config}, ${`${match[2]}:*`})`;
  return Prisma.sql`(${full} || (websearch_to_tsquery(${config}, ${head}) && ${prefix}))`;
}

/**
 * Any of the words typed (a subject being written: "Problème avec ma facture de mars"), the last one also as a
 * prefix; French stop words fall out. Null when nothing searchable was typed. Only letters and digits reach to_tsquery.
 */
export function anyWordQuerySql(text: string): Prisma.Sql | null {
  const words = text.match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
  if (words.length === 0) return null;
  const config = Prisma.raw(`'${SEARCH_CONFIG}'::regconfig`);
  const terms = words.map((word, index) => (index === words.length - 1 && word.length >= 2 ? `${word}:*` : word));
  return Prisma.sql`to_tsquery(${config}, ${terms.join(" | ")})`;
}

/**
 * The words a search excludes (`-mot`, `-"deux mots"`), as one tsquery matching any of them; null when none. A
 * conversation whose subject holds one is excluded, whatever its messages say.
 */
export function excludedQuerySql(text: string): Prisma.Sql | null {
  const excluded = [...text.matchAll(/(?:^|\s)-("[^"]*"|[^\s"]+)/gu)].map(([, term]) => term).filter((term) => /[\p{L}\p{N}]/u.test(term));
  if (excluded.length === 0) return null;
  const config = Prisma.raw(`'${SEARCH_CONFIG}'::regconfig`);
  return Prisma.sql`websearch_to_tsquery(${config}, ${excluded.join(" OR ")})`;
}
