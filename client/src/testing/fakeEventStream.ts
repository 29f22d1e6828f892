import { EVENTS_PATH } from "../events.ts";

const encoder = new TextEncoder();

export interface Connection {
  authorization: string | null;
  lastEventId: string | null;
}

/** The part of a stubbed `fetch` call the fake looks at: its path, with the query string. */
export interface StubbedCall {
  path: string;
}

/**
 * For tests: a fake `GET /api/messaging/events` to route a stubbed `fetch` to. Each connection gets a stream the test
 * writes frames into (`send`) or closes as a server would (`end`). `refuse` makes the next connections answer an HTTP
 * error instead.
 */
export function fakeEventStream() {
  let open: ReadableStreamDefaultController<Uint8Array> | null = null;
  let refusal: number | null = null;
  const connections: Connection[] = [];

  const route = (call: StubbedCall, init: RequestInit): Response | undefined => {
    if (call.path !== EVENTS_PATH) return undefined;
    const headers = new Headers(init.headers);
    connections.push({ authorization: headers.get("authorization"), lastEventId: headers.get("last-event-id") });
    if (refusal !== null) return new Response(JSON.stringify({ message: "refused" }), { status: refusal });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        open = controller;
        init.signal?.addEventListener("abort", () => {
          if (open === controller) open = null;
          try {
            controller.error(new DOMException("The operation was aborted.", "AbortError"));
          } catch {
            // already closed by `end`
          }
        });
      },
    });
    return new Response(body, { headers: { "Content-Type": "text/event-stream; charset=utf-8" } });
  };

  return {
    route,
    connections,
    send(event: string, data: unknown, id?: string) {
      open?.enqueue(encoder.encode(`${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    },
    /** The server closes the current stream. */
    end() {
      open?.close();
      open = null;
    },
    /** Further connections answer this status (`null`: accepted again). */
    refuse(status: number | null) {
      refusal = status;
    },
  };
}
