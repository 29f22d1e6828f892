// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from "vitest";
import { clearDraft, draftKey, loadDraft, saveDraft } from "./drafts.ts";
import { isNetworkFailure, submissionKeys } from "./submissions.ts";

describe("submission keys", () => {
  it("reuses the key for the same submission until the server answers, then starts afresh", () => {
    let n = 0;
    const keys = submissionKeys(() => `k${++n}`);
    expect(keys.keyFor({ content: "Bonjour" })).toBe("k1");
    expect(keys.keyFor({ content: "Bonjour" })).toBe("k1"); // retried after a network failure
    expect(keys.keyFor({ content: "Bonjour !" })).toBe("k2"); // edited: another submission
    keys.answered();
    expect(keys.keyFor({ content: "Bonjour !" })).toBe("k3");
    expect(isNetworkFailure(new TypeError("Failed to fetch"))).toBe(true);
    expect(isNetworkFailure(new Error("409"))).toBe(false);
  });
});

describe("drafts", () => {
  beforeEach(() => localStorage.clear());

  it("are kept per user and conversation, and an empty one is forgotten", () => {
    const mine = draftKey(1, 42);
    saveDraft(mine, { content: "À moitié écrit", internal: true });
    expect(loadDraft(mine)).toEqual({ content: "À moitié écrit", internal: true });
    expect(loadDraft(draftKey(2, 42))).toBeNull();
    expect(loadDraft(draftKey(1, 43))).toBeNull();
    saveDraft(mine, { content: "   " });
    expect(loadDraft(mine)).toBeNull();
    saveDraft(mine, { content: "Encore" });
    clearDraft(mine);
    expect(loadDraft(mine)).toBeNull();
    localStorage.setItem(mine, "{not json");
    expect(loadDraft(mine)).toBeNull();
  });
});
