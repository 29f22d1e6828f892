import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Clock } from "../clock.ts";
import { Prisma } from "../generated/prisma/client.ts";

/** How long a link works. */
export const LINK_LIFETIME_SECONDS = 600;

export type LinkVariant = "file" | "thumbnail";
export type LinkCheck = "valid" | "expired" | "invalid";

const suffixOf = (variant: LinkVariant) => (variant === "file" ? "" : "/thumbnail");

/**
 * Signed links to attachments, which work without an Authorization header (an `<img>`, a download) for ten minutes:
 * HMAC-SHA256 of `<id>.<variant>.<expires>` with a key derived from JWT_SECRET. The same signature is computed by
 * PostgreSQL where the answer's JSON is built (HMAC written with its sha256(): H(K⊕opad ‖ H(K⊕ipad ‖ m))), so that
 * a thread's links cost no round trip through JavaScript. Expiry is rounded up to the minute: a thread read twice
 * within a minute gives the same links, which the browser's cache then recognises.
 */
export function attachmentLinks(secret: string, clock?: Clock) {
  const key = createHash("sha256").update(`attachment links\0${secret}`).digest();
  const block = Buffer.alloc(64);
  key.copy(block);
  const inner = Buffer.from(block.map((byte) => byte ^ 0x36)).toString("hex");
  const outer = Buffer.from(block.map((byte) => byte ^ 0x5c)).toString("hex");

  const now = () => (clock?.() ?? new Date()).getTime();
  const expiresAt = (from = now()) => Math.ceil((from / 1000 + LINK_LIFETIME_SECONDS) / 60) * 60;
  const signature = (id: number, variant: LinkVariant, expires: number) =>
    createHmac("sha256", key).update(`${id}.${variant}.${expires}`).digest("base64url");

  return {
    /** A link to attachment `id` (its file or its thumbnail); `at` dates it (tests make expired ones). */
    url(id: number, variant: LinkVariant, at?: Date): string {
      const expires = expiresAt(at?.getTime());
      return `/api/attachments/${id}${suffixOf(variant)}?expires=${expires}&signature=${signature(id, variant, expires)}`;
    },

    /** The same link as SQL, over an `"Attachment"` row named `alias`. */
    urlSql(alias: string, variant: LinkVariant): Prisma.Sql {
      const expires = String(expiresAt());
      const id = Prisma.raw(`${alias}.id`);
      const message = Prisma.sql`convert_to(${id}::text || ${`.${variant}.${expires}`}, 'UTF8')`;
      const hmac = Prisma.sql`sha256(decode(${outer}, 'hex') || sha256(decode(${inner}, 'hex') || ${message}))`;
      return Prisma.sql`'/api/attachments/' || ${id}::text || ${`${suffixOf(variant)}?expires=${expires}&signature=`} || translate(rtrim(encode(${hmac}, 'base64'), '='), '+/', '-_')`;
    },

    check(id: number, variant: LinkVariant, expires: number, given: string): LinkCheck {
      const expected = Buffer.from(signature(id, variant, expires));
      const actual = Buffer.from(given);
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return "invalid";
      return expires * 1000 < now() ? "expired" : "valid";
    },
  };
}
export type AttachmentLinks = ReturnType<typeof attachmentLinks>;
