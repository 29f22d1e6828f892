/**
 * Idempotency keys for sends (both apps): one fresh key per submission, and the same key again when the same
 * submission is retried after a network failure — the API then answers the first answer instead of writing twice.
 */
export function submissionKeys(newKey: () => string = () => crypto.randomUUID()) {
  let pending: { body: string; key: string } | null = null;
  return {
    /** The key for sending `body`: the pending one if this is the same submission again. */
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      if (pending?.body !== text) pending = { body: text, key: newKey() };
      return pending.key;
    },
    /** The server answered (whatever it said): the next submission gets a new key. */
    answered(): void {
      pending = null;
    },
  };
}

/** Whether a failed send never reached an answer (offline, connection cut): the one case where the key is reused. */
export const isNetworkFailure = (error: unknown) => error instanceof TypeError;
