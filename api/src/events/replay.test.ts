import { describe, expect, it } from "vitest";
import type { MessagingEvent } from "./bus.ts";
import { replayBuffer } from "./replay.ts";

const event: MessagingEvent = { type: "message.created", conversationId: 1, professionalId: 1, data: {} };

function buffer(options: { windowMs?: number; maxEntries?: number } = {}) {
  let clock = 0;
  const replay = replayBuffer({ windowMs: options.windowMs ?? 1000, maxEntries: options.maxEntries ?? 100, now: () => clock });
  const record = (seq: number, epoch = "e") => replay.record({ epoch, seq }, event, String(seq));
  const since = (seq: number, epoch = "e") => replay.since({ epoch, seq })?.map((entry) => entry.seq) ?? null;
  return { replay, record, since, tick: (ms: number) => void (clock += ms) };
}

describe("replay buffer", () => {
  it("replays what came after an id, exactly, and nothing for an unknown epoch or a future id", () => {
    const { record, since, replay } = buffer();
    expect(replay.position()).toBe("0-0");
    expect([record(1), record(2), record(3)]).toEqual(["next", "next", "next"]);
    expect(since(1)).toEqual([2, 3]);
    expect(since(3)).toEqual([]);
    expect(since(0)).toEqual([1, 2, 3]);
    expect(since(4)).toBeNull();
    expect(since(1, "other")).toBeNull();
    expect(record(2)).toBe("seen");
    expect(replay.position()).toBe("e-3");
  });

  it("forgets what is older than its window or beyond its size", () => {
    const { record, since, tick } = buffer({ windowMs: 1000, maxEntries: 3 });
    record(1);
    tick(600);
    record(2);
    tick(600);
    expect(since(0)).toBeNull(); // event 1 is older than the window
    expect(since(1)).toEqual([2]);
    record(3);
    record(4);
    record(5);
    expect(since(1)).toBeNull();
    expect(since(2)).toEqual([3, 4, 5]);
  });

  it("starts over after a gap, from where any process's client can resume exactly", () => {
    const { record, since } = buffer();
    record(1);
    expect(record(5)).toBe("gap");
    expect(since(1)).toBeNull(); // 2–4 were missed here
    expect(since(4)).toEqual([5]);
    expect(record(1, "new-epoch")).toBe("gap");
    expect(since(5)).toBeNull();
  });

  it("after a break (events without ids went out), no older id resumes until new events arrive", () => {
    const { record, since, replay } = buffer();
    record(1);
    record(2);
    replay.break();
    expect(since(2)).toBeNull();
    expect(record(3)).toBe("next");
    expect(since(2)).toBeNull();
    expect(since(3)).toEqual([]);
  });
});
