import { act, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { fakeEventStream } from "@messagerie/client/testing";
import { stubFetch, unreadCount, type Call } from "../test/fetchStub.ts";
import { adminMessage, conversation, detail, message, minutesAgo } from "../test/fixtures.ts";
import { TestProviders } from "../test/TestProviders.tsx";
import { ConversationDetail } from "./ConversationDetail.tsx";
import { ConversationList } from "./ConversationList.tsx";
import { MessageBadge } from "./MessageBadge.tsx";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = (calls: Call[], method: string, path: string) => calls.filter((call) => call.method === method && call.path.split("?")[0] === path).length;
const about = (conversationId: number) => ({ conversationId, professionalId: 2 });

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
  document.dispatchEvent(new Event("visibilitychange"));
}
afterEach(() => setVisibility("visible"));

describe("the badge with the event stream", () => {
  it("takes pushed counts while the stream is live, and polls again as soon as it fails", async () => {
    const stream = fakeEventStream();
    let unread = 0;
    const { calls } = stubFetch((call, init) => stream.route(call, init) ?? unreadCount(unread)(call));
    const polls = () => count(calls, "GET", "/api/messaging/unread-count");
    render(
      <TestProviders pollMs={50}>
        <MessageBadge />
      </TestProviders>,
    );
    await waitFor(() => expect(stream.connections).toHaveLength(1));
    expect(stream.connections[0].authorization).toBe("Bearer test-token");

    // The server's count and the pushed one agree, as they do in life: a poll that crosses the push changes nothing.
    unread = 4;
    stream.send("unread.changed", { count: 4 }, "e-1");
    expect(await screen.findByText(/4 messages non lus/)).toBeInTheDocument();
    // Polling every 50 ms would have asked about six times by now: while live it waits minutes. (One poll may have
    // been on its way when the stream went live.)
    const before = polls();
    await act(() => pause(300));
    expect(polls()).toBeLessThanOrEqual(before + 1);
    expect(screen.getByText(/4 messages non lus/)).toBeInTheDocument();

    // The stream breaks and cannot come back: polling takes over, and nothing alarming is shown.
    stream.refuse(503);
    stream.end();
    unread = 7;
    expect(await screen.findByText(/7 messages non lus/)).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });
});

describe("the list with the event stream", () => {
  const invoice = conversation({ id: 1, subject: "Facture de septembre", lastMessageAt: minutesAgo(5) });
  const hours = conversation({ id: 2, subject: "Horaires", lastMessageAt: minutesAgo(60), lastMessagePreview: "Merci !" });
  const access = conversation({ id: 3, subject: "Accès", lastMessageAt: minutesAgo(1) });

  it("moves a conversation up with its new preview and unread count, follows status, and reloads for a new one", async () => {
    const stream = fakeEventStream();
    let rows = [invoice, hours];
    const { calls } = stubFetch((call, init) =>
      stream.route(call, init) ?? (call.path.split("?")[0] === "/api/messaging/conversations" ? { body: rows } : unreadCount(0)(call)),
    );
    render(
      <TestProviders>
        <ConversationList filter="all" onFilterChange={() => {}} basePath="/messagerie" onNewConversation={() => {}} />
      </TestProviders>,
    );
    const list = await screen.findByRole("list", { name: "Conversations" });
    await waitFor(() => expect(stream.connections).toHaveLength(1));
    const links = () => within(list).getAllByRole("link");
    await waitFor(() => expect(links()[0]).toHaveAccessibleName(/Facture/));
    const loads = count(calls, "GET", "/api/messaging/conversations");

    const reply = adminMessage({ id: 50, conversationId: 2, content: "Nouveaux  horaires\nen ligne", createdAt: new Date().toISOString() });
    stream.send("message.created", { ...about(2), message: reply, status: "open" }, "e-1");
    await waitFor(() => expect(links()[0]).toHaveAccessibleName(/Horaires/));
    expect(links()[0]).toHaveAccessibleName(/1 message non lu/);
    // The preview names who wrote it: the admin of this message, not whoever wrote the one before.
    expect(links()[0].textContent).toContain("Alice Martin\u202f: Nouveaux horaires en ligne");

    stream.send("conversation.updated", { ...about(1), status: "closed", subject: "Facture de septembre" }, "e-2");
    await waitFor(() => expect(within(links()[1]).getByText("Fermée")).toBeInTheDocument());
    stream.send("conversation.updated", { ...about(2), readBy: "PROFESSIONAL", readAt: new Date().toISOString() }, "e-3");
    await waitFor(() => expect(links()[0]).not.toHaveAccessibleName(/non lu/));
    expect(count(calls, "GET", "/api/messaging/conversations")).toBe(loads);

    // A conversation the list does not hold yet (an admin opened it): only the server can place it.
    rows = [access, invoice, hours];
    const first = message({ id: 60, conversationId: 3, senderType: "ADMIN", createdAt: access.lastMessageAt });
    stream.send("message.created", { ...about(3), message: first }, "e-4");
    await waitFor(() => expect(links()[0]).toHaveAccessibleName(/Accès/));
    expect(count(calls, "GET", "/api/messaging/conversations")).toBe(loads + 1);
  });
});

describe("the open thread with the event stream", () => {
  const mine = message({ id: 10, content: "Ma facture est fausse.", createdAt: minutesAgo(10) });

  function renderThread() {
    const stream = fakeEventStream();
    const { calls } = stubFetch((call, init) => {
      if (call.path === "/api/messaging/conversations/1") return { body: detail({ id: 1, subject: "Facture", messages: [mine] }) };
      if (call.path === "/api/messaging/conversations/1/read") return { body: { count: 0 } };
      return stream.route(call, init) ?? unreadCount(0)(call);
    });
    render(
      <TestProviders>
        <ConversationDetail id={1} onChanged={() => {}} />
      </TestProviders>,
    );
    return { stream, calls, reads: () => count(calls, "PATCH", "/api/messaging/conversations/1/read") };
  }

  it("appends an admin's reply once, reads it at once, and shows when the admin read the pro's messages", async () => {
    const { stream, calls, reads } = renderThread();
    const thread = await screen.findByRole("list", { name: "Messages" });
    await waitFor(() => expect(stream.connections).toHaveLength(1));
    expect(within(thread).getByRole("img", { name: "Envoyé" })).toBeInTheDocument();
    await waitFor(() => expect(reads()).toBeGreaterThan(0));
    const readsBefore = reads();

    const reply = adminMessage({ id: 11, conversationId: 1, content: "Nous la corrigeons.", createdAt: new Date().toISOString() });
    stream.send("message.created", { ...about(1), message: reply, status: "open" }, "e-1");
    stream.send("message.created", { ...about(1), message: reply, status: "open" }, "e-1");
    expect(await within(thread).findByText("Nous la corrigeons.")).toBeInTheDocument();
    expect(within(thread).getAllByRole("listitem")).toHaveLength(2);
    await waitFor(() => expect(reads()).toBeGreaterThan(readsBefore));

    stream.send("conversation.updated", { ...about(1), readBy: "ADMIN", readAt: new Date().toISOString() }, "e-2");
    expect(await within(thread).findByRole("img", { name: /^Lu/ })).toBeInTheDocument();

    const loads = count(calls, "GET", "/api/messaging/conversations/1");
    stream.send("resync", {}, "e-3");
    await waitFor(() => expect(count(calls, "GET", "/api/messaging/conversations/1")).toBe(loads + 1));
  });

  it("leaves a reply unread while the tab is hidden, and reads it when the pro comes back", async () => {
    const { stream, reads } = renderThread();
    const thread = await screen.findByRole("list", { name: "Messages" });
    await waitFor(() => expect(stream.connections).toHaveLength(1));
    await waitFor(() => expect(reads()).toBeGreaterThan(0));
    const readsBefore = reads();

    setVisibility("hidden");
    const reply = adminMessage({ id: 12, conversationId: 1, content: "Pendant votre absence.", createdAt: new Date().toISOString() });
    stream.send("message.created", { ...about(1), message: reply, status: "open" }, "e-1");
    expect(await within(thread).findByText("Pendant votre absence.")).toBeInTheDocument();
    await act(() => pause(50));
    expect(reads()).toBe(readsBefore);

    act(() => setVisibility("visible"));
    await waitFor(() => expect(reads()).toBe(readsBefore + 1));
  });
});
