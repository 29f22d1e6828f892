import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { createApiClient } from "../api/client.ts";
import { I18nProvider } from "../i18n/I18nContext.tsx";
import { stubFetch } from "../test/fetchStub.ts";
import { ApiError } from "../api/client.ts";
import { message } from "../test/fixtures.ts";
import { MessageForm, type SendOptions } from "./MessageForm.tsx";

function renderForm(onSend: (content: string, options: SendOptions) => Promise<void>, draftKey = "messagerie.draft.1.1") {
  const view = render(
    <I18nProvider locale="fr">
      <MessageForm onSend={onSend} draftKey={draftKey} />
    </I18nProvider>,
  );
  return { field: screen.getByRole("textbox", { name: /Votre message/ }), send: screen.getByRole("button", { name: "Envoyer" }), unmount: view.unmount };
}

describe("MessageForm", () => {
  it("sends the files chosen (text optional then), shown as chips that can be removed", async () => {
    const user = userEvent.setup();
    const onSend = vi.fn(async () => {});
    renderForm(onSend);
    const invoice = new File(["%PDF-1.4"], "facture.pdf", { type: "application/pdf" });
    const photo = new File(["png"], "photo.png", { type: "image/png" });
    await user.upload(screen.getByTestId("attachment-input"), [invoice, photo]);
    expect(screen.getByText(/^facture\.pdf · /)).toBeInTheDocument();
    await user.click(screen.getByLabelText("Retirer photo.png"));
    expect(screen.queryByText(/^photo\.png · /)).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Envoyer" }));
    expect(onSend).toHaveBeenCalledWith("", expect.objectContaining({ files: [invoice] }));
    await waitFor(() => expect(screen.queryByText(/^facture\.pdf · /)).not.toBeInTheDocument());
  });

  it("says before sending that a file is too large or of a type not accepted, and sends nothing", async () => {
    const user = userEvent.setup({ applyAccept: false });
    const onSend = vi.fn(async () => {});
    const { field } = renderForm(onSend);
    const huge = new File([new Uint8Array(10 * 1024 * 1024 + 1)], "scan.pdf", { type: "application/pdf" });
    const script = new File(["<svg/>"], "logo.svg", { type: "image/svg+xml" });
    await user.upload(screen.getByTestId("attachment-input"), [huge, script]);
    expect(screen.getByText("« scan.pdf » dépasse 10 Mo : il ne peut pas être envoyé.")).toBeInTheDocument();
    expect(screen.getByText(/« logo\.svg » : ce type de fichier n'est pas accepté/)).toBeInTheDocument();
    await user.type(field, "Bonjour");
    await user.click(screen.getByRole("button", { name: "Envoyer" }));
    expect(onSend).not.toHaveBeenCalled();
  });

  it("refuses an empty or blank message and says why", async () => {
    const user = userEvent.setup();
    const onSend = vi.fn(async () => {});
    const { field, send } = renderForm(onSend);

    await user.click(send);
    expect(screen.getByText("Le message ne peut pas être vide.")).toBeInTheDocument();
    expect(field).toHaveAttribute("aria-invalid", "true");

    await user.type(field, "   ");
    await user.click(send);
    expect(screen.getByText("Le message ne peut pas être vide.")).toBeInTheDocument();
    expect(onSend).not.toHaveBeenCalled();
  });

  it("counts characters and refuses more than 10,000 as soon as they are typed", async () => {
    const user = userEvent.setup();
    const onSend = vi.fn(async () => {});
    const { field, send } = renderForm(onSend);

    await user.type(field, "Bonjour");
    expect(screen.getByText(/^7 \/ 10\s000$/)).toBeInTheDocument();

    await user.clear(field);
    await user.click(field);
    await user.paste("x".repeat(10_001));
    expect(screen.getByText(/^10\s001 \/ 10\s000$/)).toBeInTheDocument();
    expect(screen.getByText("Le message ne doit pas dépasser 10 000 caractères.")).toBeInTheDocument();
    await user.click(send);
    expect(onSend).not.toHaveBeenCalled();

    await user.type(field, "{Backspace}");
    expect(screen.queryByText(/ne doit pas dépasser/)).not.toBeInTheDocument();
  });

  it("sends with Ctrl+Enter, trimmed, then empties the field and keeps the focus there", async () => {
    const user = userEvent.setup();
    const onSend = vi.fn(async () => {});
    const { field } = renderForm(onSend);

    await user.type(field, "  Merci pour votre aide  ");
    await user.keyboard("{Control>}{Enter}{/Control}");

    expect(onSend).toHaveBeenCalledWith("Merci pour votre aide", { idempotencyKey: expect.any(String), force: false, files: [], onProgress: expect.any(Function) });
    await waitFor(() => expect(field).toHaveValue(""));
    expect(field).toHaveFocus();
  });

  it("also sends with Cmd+Enter, and a plain Enter only adds a line", async () => {
    const user = userEvent.setup();
    const onSend = vi.fn(async () => {});
    const { field } = renderForm(onSend);

    await user.type(field, "Ligne 1{Enter}Ligne 2");
    expect(onSend).not.toHaveBeenCalled();
    await user.keyboard("{Meta>}{Enter}{/Meta}");
    expect(onSend).toHaveBeenCalledWith("Ligne 1\nLigne 2", expect.anything());
  });

  it("is disabled while sending", async () => {
    const user = userEvent.setup();
    let finish = () => {};
    const onSend = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const { field } = renderForm(onSend);

    await user.type(field, "Une question");
    await user.click(screen.getByRole("button", { name: "Envoyer" }));

    const sending = screen.getByRole("button", { name: "Envoi…" });
    expect(sending).toBeDisabled();
    expect(field).toHaveAttribute("readonly");
    await user.keyboard("{Control>}{Enter}{/Control}");
    expect(onSend).toHaveBeenCalledTimes(1);

    finish();
    await waitFor(() => expect(screen.getByRole("button", { name: "Envoyer" })).toBeEnabled());
  });

  it("shows the API's refusal and keeps the text", async () => {
    const user = userEvent.setup();
    stubFetch(() => ({ status: 400, body: { code: "validation", message: "content must be at most 10000 characters", errors: { content: "content must be at most 10000 characters" }, fields: { content: "too_long" } } }));
    const client = createApiClient({ token: "t" });
    const { field } = renderForm(async (content) => {
      await client.postMessage(1, content);
    });

    await user.type(field, "Bonjour");
    await user.click(screen.getByRole("button", { name: "Envoyer" }));

    expect(await screen.findByText("Envoi refusé : Certains champs sont à corriger.")).toBeInTheDocument();
    expect(field).toHaveValue("Bonjour");
  });

  it("keeps the unsent text across a remount, and forgets it once sent", async () => {
    const user = userEvent.setup();
    const first = renderForm(vi.fn(async () => {}));
    await user.type(first.field, "À moitié écrit");
    first.unmount();
    const again = renderForm(vi.fn(async () => {}));
    expect(again.field).toHaveValue("À moitié écrit");
    await user.click(again.field);
    await user.keyboard("{Control>}{Enter}{/Control}");
    await waitFor(() => expect(again.field).toHaveValue(""));
    again.unmount();
    expect(renderForm(vi.fn(async () => {})).field).toHaveValue("");
  });

  it("shows what arrived meanwhile on a stale reply, and sends anyway on request", async () => {
    const user = userEvent.setup();
    const arrived = message({ id: 9, content: "Finalement c'est réglé", sender: { id: 3, name: "Claire" } });
    const onSend = vi
      .fn<(content: string, options: SendOptions) => Promise<void>>()
      .mockRejectedValueOnce(new ApiError(409, "New messages", {}, [arrived]))
      .mockResolvedValueOnce(undefined);
    const { field } = renderForm(onSend);

    await user.type(field, "Je regarde");
    await user.keyboard("{Control>}{Enter}{/Control}");
    expect(await screen.findByText(/Un nouveau message est arrivé pendant que vous écriviez/)).toBeInTheDocument();
    expect(screen.getByText(/Finalement c'est réglé/)).toBeInTheDocument();
    expect(field).toHaveValue("Je regarde");
    await user.click(screen.getByRole("button", { name: "Envoyer quand même" }));
    expect(onSend).toHaveBeenLastCalledWith("Je regarde", expect.objectContaining({ force: true }));
    await waitFor(() => expect(field).toHaveValue(""));
  });

  it("retries a send cut by the network with the same key, and says it will not double", async () => {
    const user = userEvent.setup();
    const onSend = vi.fn<(content: string, options: SendOptions) => Promise<void>>().mockRejectedValueOnce(new TypeError("Failed to fetch")).mockResolvedValueOnce(undefined);
    const { field } = renderForm(onSend);

    await user.type(field, "Bonjour");
    await user.keyboard("{Control>}{Enter}{/Control}");
    expect(await screen.findByText(/la connexion a été perdue/)).toBeInTheDocument();
    await user.keyboard("{Control>}{Enter}{/Control}");
    await waitFor(() => expect(onSend).toHaveBeenCalledTimes(2));
    expect(onSend.mock.calls[1][1].idempotencyKey).toBe(onSend.mock.calls[0][1].idempotencyKey);
  });
});
