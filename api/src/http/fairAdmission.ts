import type { Request, RequestHandler } from "express";
import { tooManyRequests, unavailable } from "./errors.ts";

export type FairAdmissionOptions = {
  /** Requests served at once. */
  concurrency: number;
  /** Requests one key (a client's address) may have waiting; one more is refused with 429 at once. */
  queuePerKey: number;
  /** A request that waited this long is refused with 503. */
  maxWaitMs: number;
  keyOf: (req: Request) => string;
};

type Waiting = { start: () => void; timer: NodeJS.Timeout };

/**
 * A bounded pool shared fairly between keys: each key waits in its own line, and a freed place goes to the next
 * line in turn, so that a few addresses flooding it hold one turn each — the others still get in after at most one
 * of theirs — and a flooding address beyond its own line is told 429 (the bound is his, not everyone's).
 */
export function fairAdmission({ concurrency, queuePerKey, maxWaitMs, keyOf }: FairAdmissionOptions) {
  let running = 0;
  /** Lines by key, in the order they take turns (a Map keeps insertion order; a served line goes to the back). */
  const lines = new Map<string, Waiting[]>();

  const leave = (key: string, entry: Waiting) => {
    const line = lines.get(key);
    const index = line?.indexOf(entry) ?? -1;
    if (!line || index < 0) return false;
    line.splice(index, 1);
    if (line.length === 0) lines.delete(key);
    clearTimeout(entry.timer);
    return true;
  };

  function release() {
    running -= 1;
    const next = lines.entries().next();
    if (next.done) return;
    const [key, line] = next.value;
    const entry = line[0];
    leave(key, entry);
    const rest = lines.get(key);
    if (rest) lines.delete(key), lines.set(key, rest); // to the back: the other lines go first
    entry.start();
  }

  const middleware: RequestHandler = (req, res, next) => {
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
    if (running < concurrency && lines.size === 0) return start();
    const key = keyOf(req);
    const line = lines.get(key) ?? [];
    if (line.length >= queuePerKey) return next(tooManyRequests("Too many sign-in attempts at once from this address, try again shortly", 1));
    const entry: Waiting = {
      start,
      timer: setTimeout(() => leave(key, entry) && next(unavailable("The server is busy, try again shortly")), maxWaitMs),
    };
    line.push(entry);
    lines.set(key, line);
    // A client that gave up while waiting leaves its place.
    res.once("close", () => leave(key, entry));
  };

  return { middleware, stats: () => ({ running, waiting: [...lines.values()].reduce((sum, line) => sum + line.length, 0) }) };
}
