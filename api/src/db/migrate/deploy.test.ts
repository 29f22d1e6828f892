import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { defaultMigrationsDir, deployMigrations, migrationStatus } from "./index.ts";
import type { MigrationTarget } from "./index.ts";
import { readMigrationList, migrationNames } from "./folder.ts";
import { kinds, perTest, tableNames, SLOW, unavailable } from "./testing.ts";

const committed = migrationNames(await readMigrationList(defaultMigrationsDir));

function clientFor(target: MigrationTarget): PrismaClient {
  const adapter = target.kind === "pglite" ? new PrismaPGlite(target.pglite) : new PrismaPg({ connectionString: target.url });
  return new PrismaClient({ adapter });
}

describe.each(kinds)("deploy on %s", (kind) => {
  const use = perTest();

  it.skipIf(unavailable(kind))("applies the committed migrations to an empty database; every model is usable", async () => {
    const db = await use.database(kind);
    expect(committed.length).toBeGreaterThan(0);

    expect(await deployMigrations(db.target)).toEqual({ applied: committed });

    expect(await tableNames(db)).toEqual(["AdminUnread", "Attachment", "Category", "Conversation", "IdempotencyKey", "Message", "Notification", "Rating", "Reply", "SearchWord", "StatusChange", "Template", "User", "_prisma_migrations"]);
    // Writing through the generated client proves schema.prisma and the SQL agree column by column.
    const prisma = clientFor(db.target);
    try {
      const user = await prisma.user.create({
        data: { email: "pro@example.test", name: "Pro", role: "PROFESSIONAL", passwordHash: "x" },
      });
      const conversation = await prisma.conversation.create({
        data: {
          subject: "Hello",
          professionalId: user.id,
          lastMessageAt: new Date(),
          lastMessagePreview: "Hi",
          lastMessageSenderType: "PROFESSIONAL",
          messages: { create: { senderType: "PROFESSIONAL", senderId: user.id, content: "Hi" } },
        },
      });
      expect(conversation.status).toBe("open");
      // The subject's words, kept by the trigger for search's corrections.
      expect(await prisma.searchWord.findMany({ orderBy: { word: "asc" } })).toEqual([{ word: "hello" }]);
      expect(await prisma.message.count({ where: { conversationId: conversation.id } })).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
    // A second deploy has nothing to do.
    expect(await deployMigrations(db.target)).toEqual({ applied: [] });
  }, SLOW);

  it.skipIf(unavailable(kind))("status reports pending migrations before deploy and applied ones after", async () => {
    const db = await use.database(kind);
    expect(await migrationStatus(db.target)).toMatchObject({ applied: [], pending: committed, failed: [], upToDate: false });
    await deployMigrations(db.target);
    expect(await migrationStatus(db.target)).toEqual({
      applied: committed,
      pending: [],
      failed: [],
      problems: [],
      upToDate: true,
    });
  }, SLOW);
});
