import { describe, expect, it } from "vitest";
import { inProcessBus } from "../events/bus.ts";
import { sharedReads } from "./counts.ts";

/** A query that answers when told to, counting how many times it ran. */
function controlledQuery() {
  let runs = 0;
  const pending: Array<(value: string) => void> = [];
  return {
    run: () => {
      runs += 1;
      return new Promise<string>((resolve) => pending.push(resolve));
    },
    answer: (value: string) => pending.shift()?.(value),
    runs: () => runs,
  };
}

const event = { type: "message.created" as const, conversationId: 1, professionalId: 2, data: {} };

describe("sharedReads", () => {
  it("answers identical reads running at the same time with one query, and keeps nothing after it", async () => {
    const reads = sharedReads(inProcessBus());
    const query = controlledQuery();
    const first = reads.read("page", query.run);
    const second = reads.read("page", query.run);
    const other = reads.read("other page", query.run);
    expect(query.runs()).toBe(2);
    query.answer("A");
    query.answer("B");
    expect(await Promise.all([first, second, other])).toEqual(["A", "A", "B"]);
    const later = reads.read("page", query.run);
    expect(query.runs()).toBe(3); // settled: the next read queries again
    query.answer("C");
    expect(await later).toBe("C");
  });

  it("never lets a read join a query that began before a write (forgotten by the writer or by the event)", async () => {
    const bus = inProcessBus();
    const reads = sharedReads(bus);
    const query = controlledQuery();
    const before = reads.read("page", query.run);
    reads.forget(); // what announce() does before the writer gets his answer
    const afterWrite = reads.read("page", query.run);
    bus.publish(event); // another process's write, through the bus
    const afterEvent = reads.read("page", query.run);
    expect(query.runs()).toBe(3);
    query.answer("old");
    query.answer("new");
    query.answer("newer");
    expect(await Promise.all([before, afterWrite, afterEvent])).toEqual(["old", "new", "newer"]);
  });

  it("does not remember a failure", async () => {
    const reads = sharedReads(inProcessBus());
    await expect(reads.read("page", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await reads.read("page", async () => "up")).toBe("up");
  });
});
