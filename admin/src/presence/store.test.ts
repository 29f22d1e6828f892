import { afterEach, describe, expect, it } from "vitest";
import { presenceStore } from "./store";

const alice = { id: 7, name: "Alice Martin" };
const typing = { type: "presence.changed" as const, conversationId: 3, professionalId: 2, admin: alice, state: "typing" as const };

describe("presence", () => {
  afterEach(() => presenceStore.clear());

  it("an admin whose message arrives is no longer shown typing it (his presence's expiry kept it 6–8 s)", () => {
    presenceStore.apply({ ...typing, expiresAt: new Date(Date.now() + 15_000).toISOString() });
    expect(presenceStore.of(3).map((entry) => entry.state)).toEqual(["typing"]);
    presenceStore.sent(3, alice.id);
    expect(presenceStore.of(3).map((entry) => [entry.admin.name, entry.state])).toEqual([["Alice Martin", "viewing"]]);
    presenceStore.sent(3, 99); // somebody not shown: nothing changes
    expect(presenceStore.of(3)).toHaveLength(1);
  });
});
