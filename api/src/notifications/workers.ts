import type PgBoss from "pg-boss";
import type { NotificationContext } from "./context.ts";

/** Due jobs fetched in one statement: this many times the jobs worked at once. */
const BATCH_PER_WORKER = 5;

/**
 * A queue worked in batches: each fetch takes up to `concurrency × 5` due jobs (SKIP LOCKED: another process takes
 * others), works `concurrency` of them at once, and fails only those that threw — pg-boss retries each alone, with
 * its backoff, while the rest of the batch completes. A full batch fetches the next at once rather than after the
 * poll, so a backlog drains as fast as the mail server takes it (one job per poll drained half a burst a second).
 */
export async function workInBatches<T extends object>(ctx: NotificationContext, name: string, work: (data: T) => Promise<unknown>) {
  const { boss, pollingSeconds, logger } = ctx;
  const concurrency = Math.max(1, ctx.settings.concurrency ?? 5);
  const batchSize = concurrency * BATCH_PER_WORKER;
  let workerId: string | undefined;

  async function workBatch(jobs: PgBoss.Job<T>[]) {
    const queue = [...jobs];
    const runner = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        try {
          await work(job.data);
        } catch (error) {
          const detail = error instanceof Error ? { message: error.message } : { message: String(error) };
          // Still active: pg-boss's completion of the batch leaves it as failed (to retry) here.
          await boss.fail(name, job.id, detail).catch((failure: unknown) => logger.warn({ err: failure, job: job!.id }, "job failure not recorded (it expires and is retried)"));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, runner));
    if (jobs.length === batchSize && workerId) boss.notifyWorker(workerId);
  }

  workerId = await boss.work<T>(name, { pollingIntervalSeconds: pollingSeconds, batchSize }, workBatch);
}
