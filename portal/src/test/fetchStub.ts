import { vi } from "vitest";

export interface Call {
  method: string;
  path: string;
  body: unknown;
}

type Answer = { status?: number; body: unknown } | Response;
type Reply = Answer | Promise<Answer>;
/** Answers a call with JSON, or with a ready Response (an event stream); `init` carries its headers and signal. */
type Route = (call: Call, init: RequestInit) => Reply | undefined;

/**
 * Replaces `fetch` for a component test: `route` answers each call (path with its query string);
 * an unrouted call answers 404. Every call is recorded for assertions.
 */
export function stubFetch(route: Route) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), "http://portal.test");
    const call = {
      method: init.method ?? "GET",
      path: url.pathname + url.search,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const reply = (await route(call, init)) ?? { status: 404, body: { message: "Not found" } };
    if (reply instanceof Response) return reply;
    return new Response(JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { "Content-Type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock };
}

/** The unread count every mounted tab asks for first. */
export const unreadCount = (count: number) => (call: Call): Answer | undefined =>
  call.path === "/api/messaging/unread-count" ? { body: { count } } : undefined;
