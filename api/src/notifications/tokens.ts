import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The one-click unsubscribe link's token: `<userId>.<signature>` (HMAC-SHA256 of the id with a key derived from
 * JWT_SECRET). It does not expire: an email read a year later must still stop the emails.
 */
export function unsubscribeTokens(secret: string) {
  const key = createHmac("sha256", secret).update("unsubscribe").digest();
  const sign = (userId: number) => createHmac("sha256", key).update(String(userId)).digest("base64url");
  return {
    token: (userId: number) => `${userId}.${sign(userId)}`,
    /** The user the token names, or null when it was tampered with. */
    userOf(token: string): number | null {
      const match = /^(\d{1,10})\.([\w-]{43})$/.exec(token);
      if (!match) return null;
      const expected = Buffer.from(sign(Number(match[1])));
      const given = Buffer.from(match[2]);
      return expected.length === given.length && timingSafeEqual(expected, given) ? Number(match[1]) : null;
    },
  };
}
export type UnsubscribeTokens = ReturnType<typeof unsubscribeTokens>;
