/** A small Server-Sent Events reader over fetch, as a browser client (e.g. @microsoft/fetch-event-source) reads. */

export type SseFrame = { id?: string; event: string; data: string };

/** Feeds text chunks in; calls back with each complete frame, or with each comment-only block (heartbeats). */
export function sseParser(onFrame: (frame: SseFrame) => void, onComment: (text: string) => void = () => {}) {
  let buffer = "";
  return (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const frame: SseFrame = { event: "message", data: "" };
      let hasData = false;
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) {
          onComment(line.slice(1).trim());
          continue;
        }
        const colon = line.indexOf(":");
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "id") frame.id = value;
        else if (field === "event") frame.event = value;
        else if (field === "data") {
          frame.data = hasData ? `${frame.data}\n${value}` : value;
          hasData = true;
        }
      }
      if (hasData) onFrame(frame);
    }
  };
}

export type SseStream = Awaited<ReturnType<typeof openStream>>;

/** Opens a stream and keeps every frame; `next` waits for the first frame (from `from` on) that matches. */
export async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const frames: SseFrame[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const parse = sseParser(
    (frame) => {
      frames.push(frame);
      for (const wake of waiters) wake();
    },
    (comment) => comments.push(comment),
  );
  let ended = false;
  const reading = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) parse(decoder.decode(chunk, { stream: true }));
    } catch {
      // aborted by close()
    } finally {
      ended = true;
      for (const wake of waiters) wake();
    }
  })();

  function next(match: (frame: SseFrame) => boolean, { from = 0, timeoutMs = 5000 } = {}): Promise<SseFrame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = frames.slice(from).find(match);
        if (found) done(() => resolve(found));
        else if (ended) done(() => reject(new Error(`stream ended; frames: ${JSON.stringify(frames)}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no matching frame in ${timeoutMs} ms; frames: ${JSON.stringify(frames)}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });
  }

  return {
    response,
    frames,
    comments,
    next,
    /** The data of frames of one type, parsed. */
    data: (event: string) => frames.filter((frame) => frame.event === event).map((frame): unknown => JSON.parse(frame.data)),
    /** Settles when the server ends the stream. */
    finished: reading,
    async close() {
      controller.abort();
      await reading;
    },
  };
}
