import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { RequestHandler, Response } from "express";
import { sha256Of } from "../attachments/service.ts";
import { actorOf } from "../http/actor.ts";
import { badRequest, HttpError } from "../http/errors.ts";
import { idempotencyKeySchema } from "./schemas.ts";
import type { IdempotencyStore } from "./service.ts";

/** How long a duplicate waits for the first request's answer before it is told to retry. */
const WAIT_MS = 10_000;

/** Answers worth replaying: what the request did (2xx) or why it never will (4xx but a conflict or a rate limit). */
const replayable = (status: number) => status < 500 && status !== 409 && status !== 429;

/**
 * `Idempotency-Key` on a write (after authentication): the same key from the same user within 24 hours answers the
 * first answer (status and body) without running the write again — across processes and restarts, the keys live in
 * the database; the same key with another method, path or body → 422. A duplicate that arrives while the first is
 * still running waits for its answer. Without the header, nothing changes.
 */
export function idempotent(store: IdempotencyStore): RequestHandler {
  return async (req, res, next) => {
    const header = req.get("Idempotency-Key");
    if (header === undefined) return next();
    const parsed = idempotencyKeySchema.safeParse(header);
    if (!parsed.success) throw badRequest(parsed.error.issues[0].message, { "Idempotency-Key": parsed.error.issues[0].message });
    const key = parsed.data;
    const { id: userId } = actorOf(res);
    // A multipart request's files count too: the same key with other files is another request.
    // (Received on disk: each is hashed as a stream.)
    const files = Array.isArray(req.files) ? await Promise.all((req.files as { path: string }[]).map((file) => sha256Of(file.path))) : [];
    const hash = createHash("sha256").update(JSON.stringify([req.method, req.baseUrl + req.path, req.body ?? null, ...files])).digest("hex");

    let state = await store.begin(userId, key, hash);
    for (let waited = 0; state.kind === "pending" && waited < WAIT_MS; waited += 100) {
      await sleep(100);
      state = await store.begin(userId, key, hash);
    }
    if (state.kind === "mismatch") throw new HttpError(422, "This Idempotency-Key was already used for another request");
    if (state.kind === "pending") throw new HttpError(409, "A request with this Idempotency-Key is still being handled: retry shortly", undefined, 1, undefined, "idempotency_in_progress");
    if (state.kind === "replay") {
      res.status(state.status).setHeader("Idempotent-Replayed", "true");
      res.type("application/json").send(state.body);
      return;
    }
    rememberAnswer(res, (status, body) => (replayable(status) ? store.complete(userId, key, status, body) : store.abandon(userId, key)));
    next();
  };
}

/** Keeps the answer before it leaves, so that a retry arriving right after it finds it. */
function rememberAnswer(res: Response, keep: (status: number, body: string) => Promise<unknown>) {
  const send = res.send.bind(res);
  let kept = false;
  res.send = (body?: unknown) => {
    if (kept) return send(body);
    kept = true;
    const text = typeof body === "string" ? body : Buffer.isBuffer(body) ? body.toString("utf8") : JSON.stringify(body ?? null);
    // The answer is sent even if it could not be kept: the key then expires as abandoned.
    void keep(res.statusCode, text).catch(() => undefined).then(() => send(body));
    return res;
  };
}
