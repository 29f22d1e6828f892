import { z } from "zod";

/** The `Idempotency-Key` header: what a client makes up per submission (a UUID, say), visible ASCII. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, "Idempotency-Key must be 1 to 255 visible ASCII characters");
