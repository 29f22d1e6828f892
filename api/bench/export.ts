/**
 * npm run bench:export — the CSV export's memory as the list grows.
 * Exports 10,000 then 50,000 conversations and prints rows received, time, and how much memory the process
 * retains while streaming: at every tenth of the rows it collects garbage and reads the heap (client and server
 * share the process; the client keeps nothing). Flat means the range stays narrow and does not grow with the rows.
 */
import { startBenchApp } from "./app.ts";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  const { prisma, base, pros, tokens, close } = await startBenchApp(50);
  let filled = 0;
  for (const total of [10_000, 50_000]) {
    for (; filled < total; filled += 1000) {
      await prisma.conversation.createMany({
        data: Array.from({ length: 1000 }, (_, i) => ({
          subject: `Ticket ${filled + i} — facture, devis ou question`,
          professionalId: pros[(filled + i) % pros.length].id,
          lastMessageAt: new Date(Date.now() - (filled + i) * 1000),
          lastMessagePreview: "…",
          lastMessageSenderType: "PROFESSIONAL" as const,
          messageCount: 3,
        })),
      });
    }
    const gc = global.gc ?? (() => undefined);
    const samples: number[] = [];
    const start = performance.now();
    const res = await fetch(`${base}/conversations/export.csv`, { headers: { Authorization: `Bearer ${tokens.admin}` } });
    let newlines = 0;
    let bytes = 0;
    let nextCheck = total / 10;
    for await (const chunk of res.body ?? []) {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) newlines += 1;
      if (newlines >= nextCheck) {
        nextCheck += total / 10;
        gc();
        samples.push(process.memoryUsage().heapUsed);
      }
    }
    console.log(
      `${total.toLocaleString("en")} conversations: ${(newlines - 1).toLocaleString("en")} rows, ${mb(bytes)} in ` +
        `${((performance.now() - start) / 1000).toFixed(1)} s; heap after GC at each tenth of the rows: ${mb(Math.min(...samples))} to ${mb(Math.max(...samples))}`,
    );
  }
  await close();
  process.exit(0);
}

await main();
