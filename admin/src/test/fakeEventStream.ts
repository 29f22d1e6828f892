/**
 * The API's event stream in the in-memory fake: tests push frames to every open stream, end them as the server does
 * after ~15 min, or refuse new ones, and read which `Last-Event-ID` each connection resumed from.
 */
export const createFakeEventStream = () => {
  const encoder = new TextEncoder();
  const open = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const connections: { lastEventId: string | null; authorization: string | null }[] = [];
  let seq = 0;
  let refusal: number | null = null;

  const frame = (event: string, data: object) => encoder.encode(`id: 1-${++seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

  /** A new stream, starting as the API's does with the caller's unread count. */
  const connect = (headers: Headers, signal: AbortSignal | null | undefined, unreadCount: number): Response => {
    connections.push({ lastEventId: headers.get("Last-Event-ID"), authorization: headers.get("Authorization") });
    if (refusal !== null) return new Response("refused", { status: refusal });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        open.add(controller);
        controller.enqueue(encoder.encode("retry: 3000\n\n"));
        controller.enqueue(frame("unread.changed", { count: unreadCount }));
        signal?.addEventListener("abort", () => {
          if (open.delete(controller)) controller.close();
        });
      },
    });
    return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
  };

  return {
    connect,
    connections,
    get openCount() {
      return open.size;
    },
    send(event: string, data: object) {
      const bytes = frame(event, data);
      for (const controller of open) controller.enqueue(bytes);
    },
    /** The server ends every open stream. */
    closeAll() {
      for (const controller of open) controller.close();
      open.clear();
    },
    /** New streams are answered with this status (null: accepted again). */
    refuse(status: number | null) {
      refusal = status;
    },
  };
};
