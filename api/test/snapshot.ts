import type { PrismaClient } from "../src/generated/prisma/client.ts";

/** Everything a request could have written: compared before and after a request that must change nothing. */
export async function snapshot(prisma: PrismaClient) {
  const [users, conversations, messages, attachments] = await Promise.all([
    prisma.user.findMany({ orderBy: { id: "asc" } }),
    prisma.conversation.findMany({ orderBy: { id: "asc" } }),
    prisma.message.findMany({ orderBy: { id: "asc" } }),
    prisma.attachment.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { users, conversations, messages, attachments };
}
