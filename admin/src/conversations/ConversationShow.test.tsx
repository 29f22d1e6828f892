import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { aConversation, pro1 } from "../test/fakeApi";
import { renderWithAdmin } from "../test/render";
import type { Message } from "@messagerie/client/types";
import { ConversationShow } from "./ConversationShow";

const fromPro = (id: number, content: string, minutesAgo: number): Message => ({
  id,
  conversationId: 1,
  senderType: "PROFESSIONAL",
  senderId: pro1.id,
  sender: { id: pro1.id, name: pro1.name },
  content,
  createdAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  readAt: null,
  attachments: [],
});

const renderTicket = () =>
  renderWithAdmin(<ConversationShow />, {
    resource: "conversations",
    route: { path: "/conversations/:id/show", url: "/conversations/1/show" },
    seed: {
      conversations: [aConversation({ id: 1, subject: "Facture introuvable", unreadCount: 2, messageCount: 2 })],
      messages: [fromPro(1, "Je ne trouve pas ma facture.", 10), fromPro(2, "C'est celle de septembre.", 5)],
    },
  });

const markReads = (api: ReturnType<typeof renderTicket>["api"]) =>
  api.requests.filter((r) => r.method === "PATCH" && r.url.pathname === "/api/messaging/conversations/1/read");

describe("Ticket page", () => {
  it("shows the whole thread, oldest first, and marks it read once on opening", async () => {
    const { api } = renderTicket();
    expect(await screen.findByRole("heading", { level: 1, name: "Facture introuvable" })).toBeInTheDocument();
    const thread = await screen.findByRole("list", { name: "Messages" });
    const messages = within(thread).getAllByRole("listitem", { name: "Message de Paul Durand" });
    expect(messages.map((m) => m.textContent)).toEqual([
      expect.stringContaining("Je ne trouve pas ma facture."),
      expect.stringContaining("C'est celle de septembre."),
    ]);
    await waitFor(() => expect(markReads(api)).toHaveLength(1));
    expect(api.conversations[0]?.unreadCount).toBe(0);
  });

  it("marks read again when a new message arrives while the ticket is open", async () => {
    const { api, queryClient } = renderTicket();
    await waitFor(() => expect(markReads(api)).toHaveLength(1));

    const conversation = api.conversations[0];
    if (!conversation) throw new Error("seeded above");
    api.messages.push(fromPro(3, "Vous êtes là ?", 0));
    Object.assign(conversation, { unreadCount: 1, lastMessageAt: new Date().toISOString(), messageCount: 3 });
    await queryClient.invalidateQueries({ queryKey: ["conversations"] });

    expect(await screen.findByText("Vous êtes là ?")).toBeInTheDocument();
    await waitFor(() => expect(markReads(api)).toHaveLength(2));
  });
});
