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
      // The id exactly as it was signed: "0042" is not "42" (compare the signed text, not a number read from it).
      const match = /^([1-9]\d{0,9})\.([\w-]{43})$/.exec(token);
      if (!match) return null;
      const expected = Buffer.from(`${match[1]}.${sign(Number(match[1]))}`);
      const given = Buffer.from(token);
      return expected.length === given.length && timingSafeEqual(expected, given) ? Number(match[1]) : null;
    },
  };
}
export type UnsubscribeTokens = ReturnType<typeof unsubscribeTokens>;
