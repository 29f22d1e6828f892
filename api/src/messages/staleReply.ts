import type { Actor } from "../access/policy.ts";
import type { AttachmentLinks } from "../attachments/links.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { HttpError } from "../http/errors.ts";
import { readMessages } from "../conversations/present.ts";

/** At most this many new messages are sent back with a refusal (the thread has the rest). */
const SHOWN = 50;

/**
 * The stale-reply guard: a sender who says which message he saw last (`afterMessageId`) is refused (409, nothing
 * written) when someone else has written since — a pro's message, another admin's reply or note — among what he may
 * see (a pro is never told of a note). The refusal carries those messages, so that he can read them before sending.
 */
export async function refuseStaleReply(prisma: PrismaClient, actor: Actor, conversationId: number, afterMessageId: number | undefined, links: AttachmentLinks) {
  if (afterMessageId === undefined) return;
  const newer = await readMessages(prisma, actor, links, {
    where: Prisma.sql`m."conversationId" = ${conversationId} AND m.id > ${afterMessageId} AND m."senderId" <> ${actor.id}`,
    orderBy: Prisma.sql`m.id ASC`,
    skip: 0,
    take: SHOWN,
  });
  if (newer.count === 0) return;
  throw new HttpError(409, "New messages arrived since you last read this conversation: read them, then send again", undefined, undefined, {
    newMessages: JSON.parse(newer.json) as unknown[],
  }, "stale_reply");
}
