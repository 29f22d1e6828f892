import type { Request, RequestHandler } from "express";
import { actorOf } from "../http/actor.ts";
import { fairAdmission } from "../http/fairAdmission.ts";

export type SearchAdmissionOptions = {
  /** Searches served at once by this process (MAX_CONCURRENT_SEARCHES): the rest of the pool stays for everything else. */
  concurrency: number;
  /** Searches one user may have running at once (MAX_CONCURRENT_SEARCHES_PER_USER); `queuePerUser` more wait. */
  concurrencyPerUser: number;
  /**
   * Searches one user may have waiting; one more answers 429 at once. A console screen with a search asks its list
   * and its eight tab counts together: they wait their turn rather than be refused.
   */
  queuePerUser?: number;
  /** A search that waited this long answers 503. */
  maxWaitMs?: number;
};

/** The lists a search is asked of (`filter.q`): conversations and messages. The CSV export streams under its own rules. */
const searchedLists = new Set(["/conversations", "/messages"]);

function isSearch(req: Request): boolean {
  if (req.method !== "GET" || !searchedLists.has(req.path) || typeof req.query.filter !== "string") return false;
  try {
    const filter = JSON.parse(req.query.filter) as { q?: unknown } | null;
    return typeof filter?.q === "string" && filter.q.trim() !== "";
  } catch {
    return false; // the route answers 400 for it
  }
}

/**
 * Searches take turns, fairly between users: a few at once per process, so that however slow one search is, the
 * database's pool keeps connections for lists, threads and writes; and a few per user, so that one person (or one
 * script) typing fast cannot hold every turn — his searches beyond those waiting are told 429 at once.
 */
export function searchAdmission({ concurrency, concurrencyPerUser, queuePerUser = 12, maxWaitMs = 5000 }: SearchAdmissionOptions): RequestHandler {
  const gate = fairAdmission({
    concurrency,
    concurrencyPerKey: concurrencyPerUser,
    queuePerKey: queuePerUser,
    maxWaitMs,
    keyOf: (_req, res) => String(actorOf(res).id),
    tooManyMessage: "Too many searches at once for this account, try again shortly",
  });
  return (req, res, next) => (isSearch(req) ? gate.middleware(req, res, next) : next());
}
