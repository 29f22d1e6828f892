import type { Request, RequestHandler, Response } from "express";
import { tooManyRequests, unavailable } from "./errors.ts";

export type FairAdmissionOptions = {
  /** Requests served at once. */
  concurrency: number;
  /** Requests one key may have served at once (the others wait in its line); unlimited by default. */
  concurrencyPerKey?: number;
  /** Requests one key (a client's address) may have waiting; one more is refused with 429 at once. */
  queuePerKey: number;
  /** A request that waited this long is refused with 503. */
  maxWaitMs: number;
  keyOf: (req: Request, res: Response) => string;
  /** What a key told 429 reads. */
  tooManyMessage?: string;
};

type Waiting = { start: () => void; timer: NodeJS.Timeout };

/**
 * A bounded pool shared fairly between keys: each key waits in its own line, and a freed place goes to the next
 * line in turn, so that a few addresses flooding it hold one turn each — the others still get in after at most one
 * of theirs — and a flooding address beyond its own line is told 429 (the bound is his, not everyone's).
 */
export function fairAdmission({
  concurrency, concurrencyPerKey = Infinity, queuePerKey, maxWaitMs, keyOf,
  tooManyMessage = "Too many sign-in attempts at once from this address, try again shortly",
}: FairAdmissionOptions) {
  let running = 0;
  const runningByKey = new Map<string, number>();
  const keyRunning = (key: string) => runningByKey.get(key) ?? 0;
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

  function release(key: string) {
    running -= 1;
    if (keyRunning(key) <= 1) runningByKey.delete(key);
    else runningByKey.set(key, keyRunning(key) - 1);
    // The first line in turn whose key is under its own cap.
    const next = [...lines].find(([waiting]) => keyRunning(waiting) < concurrencyPerKey);
    if (!next) return;
    const [nextKey, line] = next;
    const entry = line[0];
    leave(nextKey, entry);
    const rest = lines.get(nextKey);
    if (rest) lines.delete(nextKey), lines.set(nextKey, rest); // to the back: the other lines go first
    entry.start();
  }

  const middleware: RequestHandler = (req, res, next) => {
    const key = keyOf(req, res);
    const start = () => {
      running += 1;
      runningByKey.set(key, keyRunning(key) + 1);
      let released = false;
      const done = () => {
        if (released) return;
        released = true;
        release(key);
      };
      res.once("finish", done);
      res.once("close", done);
      next();
    };
    // Lines still waiting are either behind a full pool or at their own cap: neither stops a key under both.
    const othersFirst = [...lines.keys()].some((waiting) => waiting !== key && keyRunning(waiting) < concurrencyPerKey);
    if (running < concurrency && keyRunning(key) < concurrencyPerKey && !lines.has(key) && !othersFirst) return start();
    const line = lines.get(key) ?? [];
    if (line.length >= queuePerKey) return next(tooManyRequests(tooManyMessage, 1));
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
