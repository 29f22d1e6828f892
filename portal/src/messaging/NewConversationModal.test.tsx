import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { conversation } from "../test/fixtures.ts";
import { stubFetch, unreadCount } from "../test/fetchStub.ts";
import { TestProviders } from "../test/TestProviders.tsx";
import { NewConversationModal } from "./NewConversationModal.tsx";

function renderDialog(onCreated = vi.fn(), onClose = vi.fn(), onContinue = vi.fn()) {
  render(
    <TestProviders>
      <NewConversationModal open onClose={onClose} onCreated={onCreated} onContinue={onContinue} />
    </TestProviders>,
  );
  const dialog = screen.getByRole("dialog", { name: "Nouvelle conversation" });
  return {
    dialog,
    subject: within(dialog).getByRole("textbox", { name: /Sujet/ }),
    message: within(dialog).getByRole("textbox", { name: /Message/ }),
    submit: within(dialog).getByRole("button", { name: "Envoyer" }),
    onCreated,
    onClose,
    onContinue,
  };
}

const posts = (calls: { method: string; path: string }[]) =>
  calls.filter((call) => call.method === "POST" && call.path === "/api/messaging/conversations");

describe("NewConversationModal", () => {
  it("requires a subject and a message", async () => {
    const user = userEvent.setup();
    const { calls } = stubFetch(unreadCount(0));
    const { subject, submit, onCreated } = renderDialog();

    expect(subject).toHaveFocus();
    await user.click(submit);

    expect(screen.getByText("Le sujet est obligatoire.")).toBeInTheDocument();
    expect(screen.getByText("Le message est obligatoire.")).toBeInTheDocument();
    expect(posts(calls)).toHaveLength(0);
    expect(onCreated).not.toHaveBeenCalled();
  });

  it("refuses a subject over 200 characters, with a counter", async () => {
    const user = userEvent.setup();
    stubFetch(unreadCount(0));
    const { subject } = renderDialog();

    await user.click(subject);
    await user.paste("s".repeat(201));

    expect(screen.getByText("Le sujet ne doit pas dépasser 200 caractères.")).toBeInTheDocument();
    expect(screen.getByText("201 / 200")).toBeInTheDocument();
    expect(subject).toHaveAttribute("aria-invalid", "true");
  });

  it("offers to continue an open conversation about the subject being typed", async () => {
    const user = userEvent.setup();
    const existing = conversation({
      id: 7,
      subject: "Factures impayées de mars",
      match: { messageId: null, snippet: [{ text: "Factures", match: true }, { text: " impayées de mars", match: false }] },
    });
    const { calls } = stubFetch((call) => {
      if (call.path.startsWith("/api/search/suggestions?")) {
        return { body: new URLSearchParams(call.path.split("?")[1]).get("subject") === "Ma facture" ? [existing] : [] };
      }
      return unreadCount(0)(call);
    });
    const { dialog, subject, onContinue } = renderDialog();

    await user.type(subject, "Ma facture");
    const offer = await within(dialog).findByRole("status");
    expect(offer).toHaveTextContent("Vous avez déjà une conversation ouverte à ce sujet");
    expect(within(offer).getByText("Factures").tagName).toBe("MARK");
    // Asked once the typing paused, not once per key.
    expect(calls.filter((call) => call.path.startsWith("/api/search/suggestions")).length).toBeLessThan(3);
    await user.click(within(offer).getByRole("button", { name: "Continuer cette conversation" }));
    expect(onContinue).toHaveBeenCalledWith(7);
  });

  it("opens the ticket and hands the new conversation over", async () => {
    const user = userEvent.setup();
    const created = { id: 42, subject: "Accès bloqué", status: "open", messages: [] };
    const { calls } = stubFetch((call) => {
      if (call.method === "POST" && call.path === "/api/messaging/conversations") return { status: 201, body: created };
      return unreadCount(0)(call);
    });
    const { subject, message, submit, onCreated } = renderDialog();

    await user.type(subject, "  Accès bloqué ");
    await user.type(message, "Je ne peux plus me connecter depuis ce matin.");
    await user.click(submit);

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(posts(calls)).toEqual([
      {
        method: "POST",
        path: "/api/messaging/conversations",
        body: { subject: "Accès bloqué", content: "Je ne peux plus me connecter depuis ce matin." },
      },
    ]);
  });

  it("sends with Ctrl+Enter from the message", async () => {
    const user = userEvent.setup();
    const { calls } = stubFetch((call) =>
      call.method === "POST" ? { status: 201, body: { id: 7, messages: [] } } : unreadCount(0)(call),
    );
    const { subject, message, onCreated } = renderDialog();

    await user.type(subject, "Question");
    await user.type(message, "Bonjour");
    await user.keyboard("{Control>}{Enter}{/Control}");

    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(posts(calls)).toHaveLength(1);
  });

  it("shows the API's refusal next to the field it concerns", async () => {
    const user = userEvent.setup();
    stubFetch((call) =>
      call.method === "POST"
        ? { status: 400, body: { code: "validation", message: "Invalid input", errors: { subject: "subject must be at most 200 characters" }, fields: { subject: "too_long" } } }
        : unreadCount(0)(call),
    );
    const { subject, message, submit, onCreated } = renderDialog();

    await user.type(subject, "Sujet");
    await user.type(message, "Texte");
    await user.click(submit);

    // In French, from the codes: never the API's English.
    expect(await screen.findByText("Envoi refusé : Certains champs sont à corriger.")).toBeInTheDocument();
    expect(screen.getByText("Ce texte est trop long.")).toBeInTheDocument();
    expect(screen.queryByText(/at most 200/)).not.toBeInTheDocument();
    expect(onCreated).not.toHaveBeenCalled();
    expect(subject).toHaveValue("Sujet");
  });

  it("closes on Annuler", async () => {
    const user = userEvent.setup();
    stubFetch(unreadCount(0));
    const { dialog, onClose } = renderDialog();

    await user.click(within(dialog).getByRole("button", { name: "Annuler" }));
    expect(onClose).toHaveBeenCalled();
  });
});
