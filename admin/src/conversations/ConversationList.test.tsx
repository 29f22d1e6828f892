import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderConsole, renderWithAdmin } from "../test/render";
import { admin, aConversation } from "../test/fakeApi";
import { ConversationList } from "./ConversationList";

const renderList = () => renderWithAdmin(<ConversationList />, { resource: "conversations" });

/** The subjects shown in the table (each a link to its ticket), top to bottom. */
const subjects = () =>
  screen
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell")[1]?.querySelector("a")?.textContent);

const lastFilter = (api: ReturnType<typeof renderList>["api"]) => api.listFilters("conversations").at(-1);

describe("Tickets list previews", () => {
  it("name who wrote the last message: Vous for one's own reply, another admin by his name, a note as a note", async () => {
    const conversations = [
      aConversation({ id: 1, subject: "Ma réponse", lastMessageSenderType: "ADMIN", lastMessageSender: { id: admin.id, name: admin.name }, lastMessagePreview: "C'est fait." }),
      aConversation({ id: 2, subject: "Celle de Bruno", lastMessageSenderType: "ADMIN", lastMessageSender: { id: 9, name: "Bruno Petit" }, lastMessagePreview: "Je regarde." }),
      aConversation({ id: 3, subject: "Une note", lastMessageInternal: true, lastMessagePreview: "Appeler la banque" }),
    ];
    // The whole console: who is signed in comes from its authProvider.
    renderConsole("/conversations", { conversations });
    expect(await screen.findByText("Vous : C'est fait.")).toBeInTheDocument();
    expect(screen.getByText("Bruno Petit : Je regarde.")).toBeInTheDocument();
    expect(screen.getByText("Note : Appeler la banque")).toBeInTheDocument();
  });
});

describe("Tickets list filters", () => {
  it("opens on the open tickets, newest activity first, with counts on the quick tabs", async () => {
    renderList();
    expect(await screen.findByRole("tab", { name: "Ouverts (3)", selected: true })).toBeInTheDocument();
    expect(await screen.findByRole("tab", { name: "Fermés (2)" })).toBeInTheDocument();
    expect(await screen.findByRole("tab", { name: "Non lus (3)" })).toBeInTheDocument();
    expect(await screen.findByRole("tab", { name: "Tous (5)" })).toBeInTheDocument();
    expect(subjects()).toEqual(["Facture introuvable", "Paiement refusé", "Documents à compléter"]);
  });

  it("« Mes tickets » and « Non assignés » add no « Assigné à » filter, and ask nothing the API refuses", async () => {
    const user = userEvent.setup();
    const { api } = renderList();
    for (const [tab, assigned] of [[/^Mes tickets/, "me"], [/^Non assignés/, "none"]] as const) {
      await user.click(await screen.findByRole("tab", { name: tab }));
      await waitFor(() => expect(lastFilter(api)).toEqual({ status: "open", assigned }));
      // The filter form holds no « Assigné à » input (the columns menu, mounted but closed, names a column so).
      expect(screen.queryByRole("combobox", { name: "Assigné à" })).not.toBeInTheDocument();
    }
    // The same query finds the input once it is asked for.
    await user.click(screen.getByRole("button", { name: "Ajouter un filtre" }));
    await user.click(await screen.findByRole("menuitemcheckbox", { name: "Assigné à" }));
    expect(await screen.findByRole("combobox", { name: "Assigné à" })).toBeInTheDocument();
    // No getMany of users for an id that is not one (`"me"` answered 400).
    expect(api.requests.filter((request) => String(request.url).includes("/users") && /"(me|none)"/.test(decodeURIComponent(String(request.url))))).toEqual([]);
  });

  it("switches to closed tickets, then to unread tickets of any status, from the tabs", async () => {
    const user = userEvent.setup();
    const { api } = renderList();
    await user.click(await screen.findByRole("tab", { name: /^Fermés/ }));
    await waitFor(() => expect(subjects()).toEqual(["Changement d'adresse", "Accès bloqué"]));
    expect(lastFilter(api)).toEqual({ status: "closed" });

    await user.click(screen.getByRole("tab", { name: /^Non lus/ }));
    await waitFor(() => expect(subjects()).toHaveLength(3));
    expect(subjects()).toEqual(expect.arrayContaining(["Facture introuvable", "Paiement refusé", "Accès bloqué"]));
    expect(lastFilter(api)).toEqual({ unreadOnly: true });
  });

  it("narrows the open tickets to unread ones with the « Non lus uniquement » filter", async () => {
    const user = userEvent.setup();
    const { api } = renderList();
    await screen.findByRole("tab", { name: "Ouverts (3)" });
    await user.click(screen.getByRole("button", { name: "Ajouter un filtre" }));
    await user.click(await screen.findByRole("menuitemcheckbox", { name: "Non lus uniquement" }));
    await waitFor(() => expect(lastFilter(api)).toEqual({ status: "open", unreadOnly: true }));
    await waitFor(() => expect(subjects()).toEqual(["Facture introuvable", "Paiement refusé"]));
  });

  it("searches the text with q and keeps the tab; the tab counts follow the search", async () => {
    const user = userEvent.setup();
    const { api } = renderList();
    await screen.findByRole("tab", { name: "Ouverts (3)" });
    await user.type(screen.getByPlaceholderText("Rechercher"), "paiement");
    await waitFor(() => expect(lastFilter(api)).toEqual({ status: "open", q: "paiement" }));
    await waitFor(() => expect(subjects()).toEqual(["Paiement refusé"]));
    expect(await screen.findByRole("tab", { name: "Ouverts (1)", selected: true })).toBeInTheDocument();
    expect(await screen.findByRole("tab", { name: "Tous (1)" })).toBeInTheDocument();
  });

  it("filters by professional with the autocomplete", async () => {
    const user = userEvent.setup();
    const { api } = renderList();
    await screen.findByRole("tab", { name: "Ouverts (3)" });
    await user.type(screen.getByRole("combobox", { name: "Professionnel" }), "Sophie");
    await user.click(await screen.findByRole("option", { name: "Sophie Bernard" }));
    await waitFor(() => expect(lastFilter(api)).toEqual({ status: "open", professionalId: 3 }));
    await waitFor(() => expect(subjects()).toEqual(["Paiement refusé", "Documents à compléter"]));
  });

  it("keeps tickets active since a day, counted from that day's local midnight", async () => {
    const user = userEvent.setup();
    const { api } = renderList();
    await screen.findByRole("tab", { name: "Ouverts (3)" });
    await user.click(screen.getByRole("button", { name: "Ajouter un filtre" }));
    await user.click(await screen.findByRole("menuitemcheckbox", { name: "Activité depuis le" }));
    fireEvent.change(await screen.findByLabelText("Activité depuis le"), { target: { value: "2024-05-10" } });
    await waitFor(() =>
      expect(lastFilter(api)).toEqual({ status: "open", lastMessageAt_gte: new Date(2024, 4, 10).toISOString() }),
    );
  });
});
