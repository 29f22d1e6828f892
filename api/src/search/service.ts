import { isAdmin, type Actor } from "../access/policy.ts";
import { conversationWhereSql } from "../conversations/filters.ts";
import { readConversations } from "../conversations/present.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { anyWordQuerySql } from "./query.ts";
import type { SuggestionsQuery } from "./schemas.ts";
import { matchColumnSql, withSnippets } from "./snippets.ts";

const SUGGESTIONS = 3;

export function searchService(prisma: PrismaClient) {
  return {
    /**
     * The open conversations (the pro's own; for an admin, those of `professionalId`) whose subject shares words with
     * a subject being typed, best first: "Vous avez déjà une conversation ouverte à ce sujet". JSON text of list rows.
     */
    async suggestions(actor: Actor, { subject, professionalId }: SuggestionsQuery): Promise<string> {
      const query = anyWordQuerySql(subject);
      if (!query || (isAdmin(actor) && professionalId === undefined)) return "[]";
      const where = Prisma.sql`${conversationWhereSql(actor, { status: "open", ...(isAdmin(actor) && { professionalId }) })} AND c."subjectVector" @@ ${query}`;
      const orderBy = Prisma.sql`ts_rank(c."subjectVector", ${query}) DESC, c."lastMessageAt" DESC, c.id DESC`;
      const page = await readConversations(prisma, actor, { where, orderBy, skip: 0, take: SUGGESTIONS, extraColumns: matchColumnSql(actor, query) });
      return withSnippets(page.json);
    },
  };
}
