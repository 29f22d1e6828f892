import { formatEventId, type EventId, type BusEvent } from "./bus.ts";

export type Recorded = { id: string; seq: number; at: number; event: BusEvent; json: string };
export type ReplayOptions = { windowMs: number; maxEntries: number; now?: () => number };

/** What `record` found: the next event, the first after a gap (events were missed here), or one already seen. */
export type Continuity = "next" | "gap" | "seen";

/**
 * The last few minutes of events, so that a client reconnecting with `Last-Event-ID` gets exactly what it missed.
 * Entries are contiguous in the global sequence; `floor` is the oldest id from which a replay is still exact.
 * Whatever cannot be replayed exactly (an unknown epoch, an id too old, a break) answers null: the client reloads.
 */
export function replayBuffer({ windowMs, maxEntries, now = Date.now }: ReplayOptions) {
  let epoch: string | null = null;
  let head = 0;
  let floor = 0;
  let entries: Recorded[] = [];

  function prune() {
    const oldest = now() - windowMs;
    let drop = 0;
    while (drop < entries.length && (entries.length - drop > maxEntries || entries[drop].at < oldest)) drop += 1;
    if (drop === 0) return;
    floor = Math.max(floor, entries[drop - 1].seq);
    entries = entries.slice(drop);
  }

  return {
    record(id: EventId, event: BusEvent, json: string): Continuity {
      const entry = { id: formatEventId(id), seq: id.seq, at: now(), event, json };
      if (id.epoch === epoch && id.seq <= head) return "seen";
      const first = epoch === null;
      const follows = id.epoch === epoch && id.seq === head + 1;
      if (follows) {
        entries.push(entry);
      } else {
        // Ids are global: whoever saw everything up to seq - 1 elsewhere can resume here exactly.
        epoch = id.epoch;
        floor = id.seq - 1;
        entries = [entry];
      }
      head = id.seq;
      prune();
      return follows || first ? "next" : "gap";
    },

    /** Events went out that have no id (Redis down), or may have been lost: no resume from before now is exact. */
    break() {
      entries = [];
      floor = head + 1;
    },

    /** The id to stamp on frames that are not events themselves: where the stream stands. */
    position(): string {
      return epoch === null ? "0-0" : formatEventId({ epoch, seq: head });
    },

    /** The events after `lastId`, or null when that cannot be told exactly. */
    since(lastId: EventId): Recorded[] | null {
      prune();
      if (lastId.epoch !== epoch || lastId.seq < floor || lastId.seq > head) return null;
      return entries.filter((entry) => entry.seq > lastId.seq);
    },
  };
}
export type ReplayBuffer = ReturnType<typeof replayBuffer>;
