import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { createApiClient } from "../api/client.ts";
import { I18nProvider } from "../i18n/I18nContext.tsx";
import { stubFetch } from "../test/fetchStub.ts";
import { MessageForm } from "./MessageForm.tsx";

function renderForm(onSend: (content: string) => Promise<void>) {
  render(
    <I18nProvider locale="fr">
      <MessageForm onSend={onSend} />
    </I18nProvider>,
  );
  return { field: screen.getByRole("textbox", { name: /Votre message/ }), send: screen.getByRole("button", { name: "Envoyer" }) };
}

describe("MessageForm", () => {
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

    expect(onSend).toHaveBeenCalledWith("Merci pour votre aide");
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
    expect(onSend).toHaveBeenCalledWith("Ligne 1\nLigne 2");
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
    stubFetch(() => ({ status: 400, body: { message: "content must be at most 10000 characters", errors: {} } }));
    const client = createApiClient({ token: "t" });
    const { field } = renderForm(async (content) => {
      await client.postMessage(1, content);
    });

    await user.type(field, "Bonjour");
    await user.click(screen.getByRole("button", { name: "Envoyer" }));

    expect(await screen.findByText("Envoi refusé : content must be at most 10000 characters")).toBeInTheDocument();
    expect(field).toHaveValue("Bonjour");
  });
});
