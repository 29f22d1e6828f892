import { describe, expect, it } from "vitest";
import { adminMessage, conversation, detail, message, minutesAgo } from "../test/fixtures.ts";
import { previewOf, updateList, updateThread } from "./liveUpdates.ts";

const about = (conversationId: number) => ({ conversationId, professionalId: 2 });

describe("updateList", () => {
  const older = conversation({ id: 1, lastMessageAt: minutesAgo(30), unreadCount: 0 });
  const newer = conversation({ id: 2, lastMessageAt: minutesAgo(5) });

  it("leaves a message the list already counts alone (it was loaded after the message was written)", () => {
    const rows = [newer, older];
    const counted = adminMessage({ id: 9, conversationId: 1, createdAt: older.lastMessageAt });
    expect(updateList(rows, { type: "message.created", ...about(1), message: counted }, {})).toBe(rows);
  });

  it("drops a row the filter no longer matches, and asks for a reload when one may now match", () => {
    const closing = { type: "conversation.updated", ...about(2), status: "closed", subject: "Sujet" } as const;
    expect(updateList([newer, older], closing, { status: "open" })).toEqual([older]);
    expect(updateList([older], closing, { status: "closed" })).toBe("reload");
    expect(updateList([older], closing, { status: "open" })).toEqual([older]);

    const unread = conversation({ id: 1, unreadCount: 2 });
    const read = { type: "conversation.updated", ...about(1), readBy: "PROFESSIONAL", readAt: minutesAgo(0) } as const;
    expect(updateList([unread], read, { unreadOnly: true })).toEqual([]);
  });

  it("names the writer of a live message in the preview: the admin who replied, not the pro who wrote before", () => {
    const mine = conversation({ id: 1, lastMessageAt: minutesAgo(30), lastMessageSenderType: "PROFESSIONAL", lastMessageSender: { id: 2, name: "Paul Durand" } });
    const reply = adminMessage({ id: 9, conversationId: 1, content: "Voici votre facture", createdAt: minutesAgo(1), sender: { id: 7, name: "Alice Martin" } });
    const [row] = updateList([mine], { type: "message.created", ...about(1), message: reply, status: "open" }, {}) as ReturnType<typeof conversation>[];
    expect(row).toMatchObject({ lastMessageSenderType: "ADMIN", lastMessageSender: { id: 7, name: "Alice Martin" }, lastMessagePreview: "Voici votre facture" });
  });

  it("counts the pro's own message as read, reopens a closed conversation, and reloads on resync", () => {
    const closed = conversation({ id: 1, status: "closed", closedAt: minutesAgo(20), lastMessageAt: minutesAgo(30) });
    const own = message({ id: 9, conversationId: 1, content: "Encore moi", createdAt: minutesAgo(1) });
    expect(updateList([closed], { type: "message.created", ...about(1), message: own, status: "open" }, {})).toEqual([
      expect.objectContaining({ status: "open", closedAt: null, unreadCount: 0, lastMessageSenderType: "PROFESSIONAL", messageCount: 2 }),
    ]);
    expect(updateList([closed], { type: "resync" }, {})).toBe("reload");
  });
});

describe("updateThread", () => {
  it("marks read only the pro's messages written before the admin read them", () => {
    const readAt = minutesAgo(2);
    const before = message({ id: 1, createdAt: minutesAgo(3) });
    const after = message({ id: 2, createdAt: minutesAgo(1) });
    const thread = detail({ id: 1, messages: [before, after] });
    const updated = updateThread(thread, { type: "conversation.updated", ...about(1), readBy: "ADMIN", readAt });
    expect(updated.messages.map((m) => m.readAt)).toEqual([readAt, null]);
  });

  it("ignores events about another conversation", () => {
    const thread = detail({ id: 1 });
    const elsewhere = adminMessage({ id: 5, conversationId: 2 });
    expect(updateThread(thread, { type: "message.created", ...about(2), message: elsewhere })).toBe(thread);
  });
});

describe("previewOf", () => {
  it("flattens white space and cuts at 140 characters as the API does", () => {
    expect(previewOf("  a\n\n b  ")).toBe("a b");
    expect(previewOf("x".repeat(200))).toBe(`${"x".repeat(139)}…`);
  });
});
