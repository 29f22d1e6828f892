import { afterEach, describe, expect, it, vi } from "vitest";
import { EVENTS_PATH, openEventStream, retryDelayMs, type EventStreamOptions, type MessagingEvent } from "./events.ts";
import { fakeEventStream, type StubbedCall } from "./testing/fakeEventStream.ts";
import type { Message } from "./types.ts";

const { waitFor } = vi;

const closers: (() => void)[] = [];
afterEach(() => {
  closers.splice(0).forEach((close) => close());
  vi.unstubAllGlobals();
});

/** Replaces `fetch` with the fake stream; any other path answers 404. Answers the paths called. */
function stubFetch(route: (call: StubbedCall, init: RequestInit) => Response | undefined) {
  const calls: StubbedCall[] = [];
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), "http://client.test");
    const call = { path: url.pathname + url.search };
    calls.push(call);
    return route(call, init) ?? new Response(JSON.stringify({ message: "Not found" }), { status: 404 });
  });
  return { calls };
}

const adminMessage = (overrides: Partial<Message>): Message => ({
  id: 1,
  conversationId: 1,
  senderType: "ADMIN",
  senderId: 1,
  sender: { id: 1, name: "Alice Martin" },
  content: "Bonjour",
  createdAt: "2026-01-05T09:00:00.000Z",
  readAt: null,
  attachments: [],
  ...overrides,
});

/** Opens a stream the way the apps do, recording what it reports. */
function subscribe(options: Partial<EventStreamOptions> = {}) {
  const events: MessagingEvent[] = [];
  const live: [boolean, boolean][] = [];
  closers.push(
    openEventStream({
      url: EVENTS_PATH,
      token: "t0k3n",
      onEvent: (event) => events.push(event),
      onLiveChange: (next, fresh) => live.push([next, fresh]),
      retryDelay: () => 0,
      ...options,
    }),
  );
  return { events, live };
}

describe("openEventStream", () => {
  it("sends the token in a header, never in the URL, and dispatches typed events", async () => {
    const stream = fakeEventStream();
    const { calls } = stubFetch(stream.route);
    const { events, live } = subscribe();
    await waitFor(() => expect(live).toEqual([[true, true]]));
    expect(calls.map((call) => call.path)).toEqual(["/api/messaging/events"]);
    expect(stream.connections[0].authorization).toBe("Bearer t0k3n");

    const reply = adminMessage({ id: 93, conversationId: 7, content: "Bonjour" });
    const about = { conversationId: 7, professionalId: 2 };
    stream.send("unread.changed", { count: 2 }, "e-1");
    stream.send("message.created", { ...about, message: reply, status: "open" }, "e-2");
    stream.send("conversation.updated", { ...about, readBy: "ADMIN", readAt: "2026-01-05T10:00:00.000Z" }, "e-3");
    stream.send("conversation.updated", { ...about, status: "closed", subject: "Facture" }, "e-4");
    stream.send("shipment.sent", { ...about }, "e-5");
    stream.send("unread.changed", { count: "two" }, "e-6");
    stream.send("resync", {}, "e-7");

    await waitFor(() => expect(events).toHaveLength(5));
    expect(events).toEqual([
      { type: "unread.changed", count: 2 },
      { type: "message.created", ...about, message: reply, status: "open" },
      { type: "conversation.updated", ...about, readBy: "ADMIN", readAt: "2026-01-05T10:00:00.000Z" },
      { type: "conversation.updated", ...about, status: "closed", subject: "Facture" },
      { type: "resync" },
    ]);
  });

  it("reconnects when the server closes the stream, resuming from the last event id", async () => {
    const stream = fakeEventStream();
    stubFetch(stream.route);
    const { events, live } = subscribe();
    await waitFor(() => expect(live).toEqual([[true, true]]));
    stream.send("unread.changed", { count: 0 }, "k3x-41");
    await waitFor(() => expect(events).toHaveLength(1));

    stream.end();
    await waitFor(() => expect(stream.connections).toHaveLength(2));
    expect(stream.connections[1].lastEventId).toBe("k3x-41");
    // Resumed, not fresh: the server replays what was missed, so nothing needs reloading.
    await waitFor(() => expect(live).toEqual([[true, true], [false, false], [true, false]]));
  });

  it("retries a failing server with growing delays, and is live again once it answers", async () => {
    const stream = fakeEventStream();
    stubFetch(stream.route);
    stream.refuse(503);
    const attempts: number[] = [];
    const { live } = subscribe({
      retryDelay: (attempt) => {
        attempts.push(attempt);
        if (attempt === 2) stream.refuse(null);
        return 0;
      },
    });
    await waitFor(() => expect(live).toEqual([[true, true]]));
    expect(attempts).toEqual([0, 1, 2]);
    expect(stream.connections).toHaveLength(4);
  });

  it("on a refused token, ends the session and stops", async () => {
    const stream = fakeEventStream();
    stubFetch(stream.route);
    stream.refuse(401);
    const onUnauthorized = vi.fn();
    const retryDelay = vi.fn(() => 0);
    const { live } = subscribe({ onUnauthorized, retryDelay });
    await waitFor(() => expect(onUnauthorized).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stream.connections).toHaveLength(1);
    expect(retryDelay).not.toHaveBeenCalled();
    expect(live).toEqual([]);
  });

  it("gives up quietly on an API without the stream (404), leaving the badge to polling", async () => {
    const stream = fakeEventStream();
    stubFetch(stream.route);
    stream.refuse(404);
    const onUnauthorized = vi.fn();
    subscribe({ onUnauthorized });
    await waitFor(() => expect(stream.connections).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stream.connections).toHaveLength(1);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it("hangs up when closed, and neither reports nor reconnects after", async () => {
    const stream = fakeEventStream();
    stubFetch(stream.route);
    const { events, live } = subscribe();
    await waitFor(() => expect(live).toEqual([[true, true]]));
    closers.splice(0).forEach((close) => close());
    stream.send("unread.changed", { count: 5 }, "e-1");
    stream.end();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual([]);
    expect(live).toEqual([[true, true]]);
    expect(stream.connections).toHaveLength(1);
  });
});

describe("retryDelayMs", () => {
  it("doubles from one second up to a minute, shortened by at most half at random", () => {
    expect([0, 1, 2, 3, 10].map((attempt) => retryDelayMs(attempt, () => 1))).toEqual([1000, 2000, 4000, 8000, 60_000]);
    expect(retryDelayMs(0, () => 0)).toBe(500);
    expect(retryDelayMs(20, () => 0)).toBe(30_000);
  });
});
