import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { SESSION_KEY } from "../auth/session";
import type { Message } from "@messagerie/client/types";
import { aConversation, admin, pro1 } from "../test/fakeApi";
import { renderConsole } from "../test/render";
import { POLL_MS_KEY } from "../unread/useUnreadCount";

// Polling every 30 s cannot answer within these tests' few seconds: what changes comes from the stream.

type Rendered = ReturnType<typeof renderConsole>;

/**
 * Once the stream is open and what its opening reloads has settled: from then on only an event can bring a change
 * to the screen. (Its `onopen` runs a few microtasks after the fake accepted it.)
 */
const streamSettled = async ({ api, queryClient }: Rendered) => {
  await waitFor(() => expect(api.events.openCount).toBe(1));
  await new Promise((resolve) => setTimeout(resolve, 100));
  await waitFor(() => expect(queryClient.isFetching()).toBe(0));
};

const ticketsMenu = () => screen.getByRole("menuitem", { name: /^Tickets/ });
const tableRows = () => within(screen.getByRole("table")).getAllByRole("row").slice(1);
const now = () => new Date().toISOString();

const aMessage = (id: number, conversationId: number, senderType: Message["senderType"], content: string): Message => {
  const sender = senderType === "ADMIN" ? admin : pro1;
  return { id, conversationId, senderType, senderId: sender.id, sender: { id: sender.id, name: sender.name }, content, createdAt: now(), readAt: null, attachments: [] };
};

describe("Live updates from the event stream", () => {
  it("opens one stream with the Bearer header and shows pushed unread counts on the badge", async () => {
    const { api } = renderConsole("/conversations");
    // The stream's first frame is the current count (the demo's 4).
    await waitFor(() => expect(ticketsMenu()).toHaveAccessibleName("Tickets, 4 messages non lus"));
    expect(api.events.connections).toEqual([{ lastEventId: null, authorization: "Bearer token-admin" }]);
    const streams = api.requests.filter((r) => r.url.pathname === "/api/messaging/events");
    expect(streams.map((r) => r.url.search)).toEqual([""]);

    api.events.send("unread.changed", { count: 7 });
    await waitFor(() => expect(ticketsMenu()).toHaveAccessibleName("Tickets, 7 messages non lus"));
    api.events.send("unread.changed", { count: 0 });
    await waitFor(() => expect(ticketsMenu()).toHaveAccessibleName("Tickets"));
    expect(api.events.connections).toHaveLength(1);
  });

  it("refreshes the list when a message is created or a ticket changes status", async () => {
    const rendered = renderConsole("/conversations");
    const { api } = rendered;
    await waitFor(() => expect(tableRows()).toHaveLength(3));
    await streamSettled(rendered);
    expect(tableRows()[0]).toHaveTextContent("Facture introuvable");

    // A pro writes in the older "Documents à compléter": it moves to the top with its preview and unread count.
    const moved = api.conversations.find((c) => c.id === 3);
    if (!moved) throw new Error("in the demo data");
    Object.assign(moved, { lastMessageAt: now(), lastMessagePreview: "Voici le justificatif.", unreadCount: 1 });
    api.events.send("message.created", { conversationId: 3, professionalId: moved.professionalId, message: aMessage(50, 3, "PROFESSIONAL", "Voici le justificatif."), status: "open" });
    await waitFor(() => expect(tableRows()[0]).toHaveTextContent("Voici le justificatif."));
    expect(within(tableRows()[0]).getByLabelText("1 message non lu")).toBeInTheDocument();

    // A new ticket appears; a closed one leaves the open tickets.
    api.conversations.push(aConversation({ id: 9, subject: "Nouvelle demande", lastMessageAt: now(), unreadCount: 1 }));
    api.events.send("message.created", { conversationId: 9, professionalId: pro1.id, message: aMessage(51, 9, "PROFESSIONAL", "Bonjour") });
    await waitFor(() => expect(tableRows()[0]).toHaveTextContent("Nouvelle demande"));
    const closed = api.conversations.find((c) => c.id === 1);
    if (!closed) throw new Error("in the demo data");
    closed.status = "closed";
    api.events.send("conversation.updated", { conversationId: 1, professionalId: pro1.id, status: "closed", subject: closed.subject });
    await waitFor(() => expect(screen.queryByRole("row", { name: /Facture introuvable/ })).not.toBeInTheDocument());
    expect(await screen.findByRole("tab", { name: "Fermés (3)" })).toBeInTheDocument();
  });

  it("shows a pro's new message on the open ticket and marks it read; the admin's ✓ turns ✓✓ when the pro reads", async () => {
    const mine = aMessage(1, 1, "ADMIN", "Pouvez-vous préciser le mois ?");
    const rendered = renderConsole("/conversations/1/show", { conversations: [aConversation({ id: 1, subject: "Facture introuvable" })], messages: [mine] });
    const { api } = rendered;
    const thread = await screen.findByRole("list", { name: "Messages" });
    await streamSettled(rendered);
    await waitFor(() => expect(within(thread).getByRole("img", { name: "Pas encore lu" })).toBeInTheDocument());
    const markReads = () => api.requests.filter((r) => r.method === "PATCH" && r.url.pathname.endsWith("/conversations/1/read"));
    await waitFor(() => expect(markReads()).toHaveLength(1));

    const readAt = now();
    mine.readAt = readAt;
    api.events.send("conversation.updated", { conversationId: 1, professionalId: pro1.id, readBy: "PROFESSIONAL", readAt });
    await waitFor(() => expect(within(thread).getByRole("img", { name: /^Lu le/ })).toBeInTheDocument());

    const reply = aMessage(2, 1, "PROFESSIONAL", "Septembre, merci.");
    api.messages.push(reply);
    Object.assign(api.conversations[0] ?? {}, { unreadCount: 1, lastMessageAt: reply.createdAt, messageCount: 2 });
    api.events.send("message.created", { conversationId: 1, professionalId: pro1.id, message: reply, status: "open" });
    expect(await within(thread).findByText("Septembre, merci.")).toBeInTheDocument();
    await waitFor(() => expect(markReads()).toHaveLength(2));
    expect(api.conversations[0]?.unreadCount).toBe(0);
  });

  it("reconnects after the server ends the stream, resuming from the last event it received", async () => {
    const { api } = renderConsole("/conversations");
    await waitFor(() => expect(ticketsMenu()).toHaveAccessibleName("Tickets, 4 messages non lus"));
    api.events.send("unread.changed", { count: 5 });
    await waitFor(() => expect(ticketsMenu()).toHaveAccessibleName("Tickets, 5 messages non lus"));

    api.events.closeAll();
    await waitFor(() => expect(api.events.openCount).toBe(1));
    expect(api.events.connections.map((c) => c.lastEventId)).toEqual([null, "1-2"]);
    api.events.send("unread.changed", { count: 6 });
    await waitFor(() => expect(ticketsMenu()).toHaveAccessibleName("Tickets, 6 messages non lus"));
  });

  it("falls back to polling, silently, while the stream is refused", async () => {
    localStorage.setItem(POLL_MS_KEY, "300");
    const { api } = renderConsole("/conversations", { conversations: [aConversation({ id: 1, subject: "Facture introuvable" })] });
    api.events.refuse(503);
    api.events.closeAll();
    await waitFor(() => expect(ticketsMenu()).toHaveAccessibleName("Tickets"));
    Object.assign(api.conversations[0] ?? {}, { unreadCount: 2, lastMessageAt: now() });
    await waitFor(() => expect(ticketsMenu()).toHaveAccessibleName("Tickets, 2 messages non lus"));
    await waitFor(() => expect(within(tableRows()[0]).getByLabelText("2 messages non lus")).toBeInTheDocument());
    // It keeps trying, in the background.
    await waitFor(() => expect(api.events.connections.length).toBeGreaterThan(1));
    expect(api.events.openCount).toBe(0);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("ends the session when the stream's token is refused", async () => {
    const { api } = renderConsole("/conversations");
    await waitFor(() => expect(api.events.openCount).toBe(1));
    api.events.refuse(401);
    api.events.closeAll();
    await waitFor(() => expect(localStorage.getItem(SESSION_KEY)).toBeNull());
  });
});
