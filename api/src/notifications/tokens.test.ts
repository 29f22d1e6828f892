import { describe, expect, it } from "vitest";
import { unsubscribeTokens } from "./tokens.ts";

describe("unsubscribe tokens", () => {
  const tokens = unsubscribeTokens("test-secret-".padEnd(48, "x"));

  it("name the user they were made for", () => {
    expect(tokens.userOf(tokens.token(42))).toBe(42);
  });

  it("refuse the same id spelt otherwise (a leading zero), another id, or a changed signature", () => {
    const token = tokens.token(42);
    const signature = token.split(".")[1];
    expect(tokens.userOf(`042.${signature}`)).toBeNull();
    expect(tokens.userOf(`0000000042.${signature}`)).toBeNull();
    expect(tokens.userOf(`43.${signature}`)).toBeNull();
    expect(tokens.userOf(`42.${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(tokens.userOf(`${token} `)).toBeNull();
  });
});
