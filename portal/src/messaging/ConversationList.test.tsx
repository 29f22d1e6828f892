import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { Conversation } from "@messagerie/client/types";
import { stubFetch, unreadCount, type Call } from "../test/fetchStub.ts";
import { conversation } from "../test/fixtures.ts";
import { TestProviders } from "../test/TestProviders.tsx";
import { ConversationList, type ListFilter } from "./ConversationList.tsx";

const invoice = conversation({
  id: 1,
  subject: "Facture de septembre",
  lastMessagePreview: "Elle est dans Documents.",
  lastMessageSenderType: "ADMIN",
  lastMessageSender: { id: 1, name: "Alice Martin" },
  unreadCount: 2,
});
const hours = conversation({ id: 2, subject: "Horaires", status: "closed", lastMessagePreview: "Merci !" });

/** The list with its filter held the way the tab holds it. */
function ListWithFilter({ onNewConversation = () => {} }: { onNewConversation?: () => void }) {
  const [filter, setFilter] = useState<ListFilter>("all");
  return <ConversationList filter={filter} onFilterChange={setFilter} basePath="/messagerie" onNewConversation={onNewConversation} />;
}

function stubList(rows: (call: Call) => Conversation[]) {
  return stubFetch((call) => (call.path.startsWith("/api/messaging/conversations") ? { body: rows(call) } : unreadCount(0)(call)));
}

const FIRST_PAGE = `range=${encodeURIComponent("[0,49]")}`;
const listCalls = (calls: Call[]) => calls.filter((call) => call.path.startsWith("/api/messaging/conversations")).map((call) => call.path);

describe("ConversationList", () => {
  it("shows subject, preview, relative time, unread count and status of each conversation", async () => {
    stubList(() => [invoice, hours]);
    render(<TestProviders><ListWithFilter /></TestProviders>);

    const list = await screen.findByRole("list", { name: "Conversations" });
    const [first, second] = within(list).getAllByRole("link");
    expect(first).toHaveAccessibleName(/Facture de septembre/);
    expect(first).toHaveAttribute("href", "/messagerie/1");
    // An admin's message is named after who wrote it; his own says "Vous".
    expect(within(first).getByText("Alice Martin : Elle est dans Documents.")).toBeInTheDocument();
    expect(within(first).getByText("il y a 5 minutes")).toBeInTheDocument();
    expect(within(first).getByText(/2 messages non lus/)).toBeInTheDocument();
    expect(within(first).getByText("Ouverte")).toBeInTheDocument();
    expect(within(second).getByText("Vous : Merci !")).toBeInTheDocument();
    expect(within(second).getByText("Fermée")).toBeInTheDocument();
    expect(within(second).queryByText(/non lu/)).not.toBeInTheDocument();
  });

  it("maps Toutes / Ouvertes / Fermées / Non lues to the seed's status and unreadOnly", async () => {
    const user = userEvent.setup();
    const { calls } = stubList((call) =>
      call.path.includes("status=closed") ? [hours] : call.path.includes("unreadOnly") || call.path.includes("open") ? [invoice] : [invoice, hours],
    );
    render(<TestProviders><ListWithFilter /></TestProviders>);
    const filters = screen.getByRole("group", { name: "Filtrer les conversations" });
    expect(within(filters).getByRole("button", { name: "Toutes" })).toHaveAttribute("aria-pressed", "true");
    await screen.findByRole("link", { name: /Horaires/ });

    await user.click(within(filters).getByRole("button", { name: "Ouvertes" }));
    await waitFor(() => expect(screen.queryByRole("link", { name: /Horaires/ })).not.toBeInTheDocument());
    await user.click(within(filters).getByRole("button", { name: "Fermées" }));
    await waitFor(() => expect(screen.queryByRole("link", { name: /Facture/ })).not.toBeInTheDocument());
    await user.click(within(filters).getByRole("button", { name: "Non lues" }));
    await screen.findByRole("link", { name: /Facture/ });
    expect(within(filters).getByRole("button", { name: "Non lues" })).toHaveAttribute("aria-pressed", "true");
    await user.click(within(filters).getByRole("button", { name: "Toutes" }));
    await screen.findByRole("link", { name: /Horaires/ });

    expect(listCalls(calls)).toEqual([
      `/api/messaging/conversations?${FIRST_PAGE}`,
      `/api/messaging/conversations?status=open&${FIRST_PAGE}`,
      `/api/messaging/conversations?status=closed&${FIRST_PAGE}`,
      `/api/messaging/conversations?unreadOnly=true&${FIRST_PAGE}`,
      `/api/messaging/conversations?${FIRST_PAGE}`,
    ]);
  });

  it("invites the pro to open a ticket when he has none", async () => {
    const user = userEvent.setup();
    const onNewConversation = vi.fn();
    stubList(() => []);
    render(<TestProviders><ListWithFilter onNewConversation={onNewConversation} /></TestProviders>);

    expect(await screen.findByText("Aucune conversation pour l'instant")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Démarrer une conversation" }));
    expect(onNewConversation).toHaveBeenCalled();
  });

  it("says so when a filter matches nothing", async () => {
    const user = userEvent.setup();
    stubList((call) => (call.path.includes("unreadOnly") ? [] : [hours]));
    render(<TestProviders><ListWithFilter /></TestProviders>);
    await screen.findByRole("link", { name: /Horaires/ });

    await user.click(screen.getByRole("button", { name: "Non lues" }));
    expect(await screen.findByText("Aucune conversation ne correspond à ce filtre.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Démarrer une conversation" })).not.toBeInTheDocument();
  });

  it("says a search found nothing and offers the close word that would find something", async () => {
    const user = userEvent.setup();
    const { calls } = stubFetch((call) => {
      if (!call.path.startsWith("/api/messaging/conversations")) return unreadCount(0)(call);
      const q = JSON.parse(new URLSearchParams(call.path.split("?")[1]).get("filter") ?? "{}").q as string | undefined;
      if (q === "remboursement") {
        return new Response("[]", { headers: { "Content-Type": "application/json", "Content-Range": "conversations */0", "X-Search-Suggested": "reglement" } });
      }
      return new Response(JSON.stringify([hours]), { headers: { "Content-Type": "application/json", "Content-Range": "conversations 0-0/1" } });
    });
    render(<TestProviders><ListWithFilter /></TestProviders>);
    await screen.findByRole("link", { name: /Horaires/ });

    await user.type(screen.getByRole("searchbox", { name: "Rechercher dans mes conversations" }), "remboursement");
    expect(await screen.findByText("Aucun résultat pour « remboursement ».")).toBeInTheDocument();
    expect(screen.queryByText("Aucune conversation ne correspond à ce filtre.")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Vouliez-vous dire « reglement » ?" }));
    expect(await screen.findByRole("link", { name: /Horaires/ })).toBeInTheDocument();
    expect(screen.getByRole("searchbox", { name: "Rechercher dans mes conversations" })).toHaveValue("reglement");
    expect(listCalls(calls).some((path) => decodeURIComponent(path).includes('"q":"reglement"'))).toBe(true);
  });

  it("offers to retry when the list cannot be loaded", async () => {
    const user = userEvent.setup();
    let fail = true;
    stubFetch((call) =>
      call.path.startsWith("/api/messaging/conversations")
        ? fail ? { status: 500, body: { message: "Internal server error" } } : { body: [hours] }
        : unreadCount(0)(call),
    );
    render(<TestProviders><ListWithFilter /></TestProviders>);

    expect(await screen.findByText("Impossible de charger les conversations.")).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole("button", { name: "Réessayer" }));
    expect(await screen.findByRole("link", { name: /Horaires/ })).toBeInTheDocument();
  });

  it("pages through every conversation with Afficher plus, however many there are", async () => {
    const user = userEvent.setup();
    const all = Array.from({ length: 120 }, (_, index) => conversation({ id: index + 1, subject: `Ticket ${index + 1}` }));
    const { calls } = stubFetch((call) => {
      if (!call.path.startsWith("/api/messaging/conversations")) return unreadCount(0)(call);
      const [start, end] = JSON.parse(new URLSearchParams(call.path.split("?")[1]).get("range") ?? "[0,99]") as [number, number];
      const rows = all.slice(start, end + 1);
      return new Response(JSON.stringify(rows), { headers: { "Content-Type": "application/json", "Content-Range": `conversations ${start}-${start + rows.length - 1}/${all.length}` } });
    });
    render(<TestProviders><ListWithFilter /></TestProviders>);
    const list = await screen.findByRole("list", { name: "Conversations" });
    expect(within(list).getAllByRole("link")).toHaveLength(50);
    await user.click(within(list).getByRole("button", { name: "Afficher plus (70 de plus)" }));
    await waitFor(() => expect(within(list).getAllByRole("link")).toHaveLength(100));
    await user.click(within(list).getByRole("button", { name: "Afficher plus (20 de plus)" }));
    await waitFor(() => expect(within(list).getAllByRole("link")).toHaveLength(120));
    expect(within(list).queryByRole("button", { name: /Afficher plus/ })).not.toBeInTheDocument();
    expect(listCalls(calls).at(-1)).toContain(encodeURIComponent("[0,149]"));
  });
});
