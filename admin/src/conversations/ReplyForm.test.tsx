import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { Notification, RecordContextProvider } from "react-admin";
import { describe, expect, it } from "vitest";
import { renderWithAdmin } from "../test/render";
import { CONTENT_MAX } from "@messagerie/client/types";
import { ReplyForm } from "./ReplyForm";

const renderForm = () => renderWithAdmin(<ReplyForm conversationId={1} closed={false} />, { resource: "conversations" });

const replies = (api: ReturnType<typeof renderForm>["api"]) =>
  api.requests.filter((r) => r.method === "POST" && r.url.pathname.endsWith("/messages"));

/** The ticket page: its record is replaced each time it is fetched again (every live event about it). */
function TicketRefetched() {
  const [record, setRecord] = useState({ id: 1, subject: "Facture", updatedAt: "2026-12-02T10:00:00.000Z" });
  return (
    <RecordContextProvider value={record}>
      <button type="button" onClick={() => setRecord({ ...record, updatedAt: new Date().toISOString() })}>refetch</button>
      <ReplyForm conversationId={1} closed={false} />
    </RecordContextProvider>
  );
}

describe("Reply form", () => {
  it("keeps what is being typed when the ticket is fetched again", async () => {
    const user = userEvent.setup();
    renderWithAdmin(<TicketRefetched />, { resource: "conversations" });
    const field = screen.getByRole("textbox", { name: /Votre réponse/ });
    await user.type(field, "Bonjour, je regarde");
    await user.click(screen.getByRole("button", { name: "refetch" }));
    await waitFor(() => expect(field).toHaveValue("Bonjour, je regarde"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(field).toHaveValue("Bonjour, je regarde");
  });

  it("refuses an empty reply, saying so once", async () => {
    const user = userEvent.setup();
    const { api } = renderWithAdmin(
      <>
        <ReplyForm conversationId={1} closed={false} />
        <Notification />
      </>,
      { resource: "conversations" },
    );
    await user.click(screen.getByRole("button", { name: "Envoyer" }));
    expect(await screen.findByText("Ce champ est requis")).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.getAllByText(/requis|pas valide/)).toHaveLength(1);
    expect(replies(api)).toHaveLength(0);
  });

  it("refuses a reply made only of spaces, which the server would trim to nothing", async () => {
    const user = userEvent.setup();
    const { api } = renderForm();
    await user.type(screen.getByRole("textbox", { name: /Votre réponse/ }), "   ");
    await user.click(screen.getByRole("button", { name: "Envoyer" }));
    expect(await screen.findByText("Ce champ est requis")).toBeInTheDocument();
    expect(replies(api)).toHaveLength(0);
  });

  it(`refuses a reply over ${CONTENT_MAX} characters`, async () => {
    const user = userEvent.setup();
    const { api } = renderForm();
    await user.click(screen.getByRole("textbox", { name: /Votre réponse/ }));
    await user.paste("a".repeat(CONTENT_MAX + 1));
    await user.click(screen.getByRole("button", { name: "Envoyer" }));
    expect(await screen.findByText("Maximum 10000 caractères")).toBeInTheDocument();
    expect(replies(api)).toHaveLength(0);
  });

  it(`accepts exactly ${CONTENT_MAX} characters`, async () => {
    const user = userEvent.setup();
    const { api } = renderForm();
    await user.click(screen.getByRole("textbox", { name: /Votre réponse/ }));
    await user.paste("a".repeat(CONTENT_MAX));
    await user.click(screen.getByRole("button", { name: "Envoyer" }));
    await waitFor(() => expect(replies(api)).toHaveLength(1));
  });

  it("posts the trimmed reply with the admin's token, then clears the form", async () => {
    const user = userEvent.setup();
    const { api } = renderForm();
    await user.type(screen.getByRole("textbox", { name: /Votre réponse/ }), "  Bonjour Paul, c'est corrigé.  ");
    await user.click(screen.getByRole("button", { name: "Envoyer" }));
    await waitFor(() => expect(replies(api)).toHaveLength(1));
    const [reply] = replies(api);
    expect(reply?.url.pathname).toBe("/api/messaging/conversations/1/messages");
    expect(reply?.body).toEqual({ content: "Bonjour Paul, c'est corrigé." });
    expect(reply?.headers.get("Authorization")).toBe("Bearer token-admin");
    await waitFor(() => expect(screen.getByRole("textbox", { name: /Votre réponse/ })).toHaveValue(""));
  });

  it("switches to an internal note: marked before sending, sent with internal: true, and stays a note after", async () => {
    const user = userEvent.setup();
    const { api } = renderForm();
    await user.click(screen.getByRole("button", { name: "Note interne" }));
    expect(screen.getByText(/le professionnel ne la verra pas/)).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: /Votre note interne/ }), "Client à rappeler");
    await user.click(screen.getByRole("button", { name: "Enregistrer la note" }));
    await waitFor(() => expect(replies(api)).toHaveLength(1));
    expect(replies(api)[0]?.body).toEqual({ content: "Client à rappeler", internal: true });
    await waitFor(() => expect(screen.getByRole("textbox", { name: /Votre note interne/ })).toHaveValue(""));
    await user.click(screen.getByRole("button", { name: "Réponse" }));
    await user.type(screen.getByRole("textbox", { name: /Votre réponse/ }), "Bonjour");
    await user.click(screen.getByRole("button", { name: "Envoyer" }));
    await waitFor(() => expect(replies(api)).toHaveLength(2));
    expect(replies(api)[1]?.body).toEqual({ content: "Bonjour" });
  });
});
