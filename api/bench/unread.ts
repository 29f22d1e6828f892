/**
 * npm run bench:unread — the badge's cost as the messages table grows.
 * Fills an embedded database with 1,000 then 100,000 messages and prints the latency of
 * GET /api/messaging/unread-count and of the first page of the conversation list, for an admin and a pro.
 */
import type { PrismaClient } from "../src/generated/prisma/client.ts";
import { startBenchApp } from "./app.ts";

const PROS = 200;
const REQUESTS = 300;

async function fill(prisma: PrismaClient, messages: number, pros: { id: number }[]) {
  const perConversation = 20;
  const conversations = messages / perConversation;
  const now = Date.now();
  for (let c = 0; c < conversations; c += 1000) {
    const batch = Array.from({ length: Math.min(1000, conversations - c) }, (_, i) => ({
      subject: `Ticket ${c + i}`,
      professionalId: pros[(c + i) % pros.length].id,
      lastMessageAt: new Date(now - (c + i) * 1000),
      lastMessagePreview: "…",
      lastMessageSenderType: "PROFESSIONAL" as const,
      messageCount: perConversation,
      unreadByAdmin: (c + i) % 3,
    }));
    const created = await prisma.conversation.createManyAndReturn({ data: batch, select: { id: true, professionalId: true } });
    await prisma.message.createMany({
      data: created.flatMap((conversation) =>
        Array.from({ length: perConversation }, (_, m) => ({
          conversationId: conversation.id,
          senderType: "PROFESSIONAL" as const,
          senderId: conversation.professionalId,
          content: `Message ${m} with some words to make it a realistic length for a support ticket.`,
          readAt: m < perConversation - 2 ? new Date() : null,
        })),
      ),
    });
  }
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(url: string, token: string) {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 50).toFixed(2)} ms  p99 ${percentile(times, 99).toFixed(2)} ms`;
}

async function main() {
  const { prisma, base, pros, tokens, close } = await startBenchApp(PROS);

  let filled = 0;
  for (const total of [1_000, 100_000]) {
    const fillStart = performance.now();
    await fill(prisma, total - filled, pros);
    filled = total;
    console.log(`\n${total.toLocaleString("en")} messages (filled in ${((performance.now() - fillStart) / 1000).toFixed(1)} s)`);
    for (const [who, token] of Object.entries(tokens)) {
      console.log(`  ${who.padEnd(5)} unread-count        ${await measure(`${base}/unread-count`, token)}`);
      console.log(`  ${who.padEnd(5)} conversations 0-24  ${await measure(`${base}/conversations?range=[0,24]`, token)}`);
    }
  }
  await close();
  process.exit(0);
}

await main();
