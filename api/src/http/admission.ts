import type { RequestHandler } from "express";
import { unavailable } from "./errors.ts";

export type AdmissionOptions = {
  /** Requests served at once; the others wait their turn. */
  concurrency: number;
  /** Requests allowed to wait; one more is refused at once with 503. */
  queue: number;
  /** A request that waited this long is refused with 503 rather than answered too late to matter. */
  maxWaitMs: number;
  /** Requests that never wait (long-lived streams, health checks). */
  exempt?: (path: string) => boolean;
};

/**
 * A bounded queue in front of the API: beyond capacity the server answers 503 + Retry-After quickly instead of
 * piling requests onto the database pool until they time out as 500s or hang.
 */
export function admission({ concurrency, queue, maxWaitMs, exempt }: AdmissionOptions) {
  let running = 0;
  const waiting: Array<{ start: () => void; timer: NodeJS.Timeout }> = [];

  function release() {
    running -= 1;
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.start();
    }
  }

  const middleware: RequestHandler = (req, res, next) => {
    if (exempt?.(req.path)) return next();
    const start = () => {
      running += 1;
      let released = false;
      const done = () => {
        if (released) return;
        released = true;
        release();
      };
      res.once("finish", done);
      res.once("close", done);
      next();
    };
    if (running < concurrency) return start();
    if (waiting.length >= queue) return next(unavailable("The server is busy, try again shortly"));
    const entry = {
      start,
      timer: setTimeout(() => {
        const index = waiting.indexOf(entry);
        if (index >= 0) waiting.splice(index, 1);
        next(unavailable("The server is busy, try again shortly"));
      }, maxWaitMs),
    };
    waiting.push(entry);
    // A client that gave up while waiting leaves its place.
    res.once("close", () => {
      const index = waiting.indexOf(entry);
      if (index >= 0) {
        waiting.splice(index, 1);
        clearTimeout(entry.timer);
      }
    });
  };

  return { middleware, stats: () => ({ running, waiting: waiting.length }) };
}
