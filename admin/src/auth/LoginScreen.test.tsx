import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { translator } from "../i18n/translator";
import { createAuthProvider } from "./authProvider";
import { LoginScreen } from "./LoginScreen";

/** The console's French messages, looked up by key as the boot does before react-admin is there. */
const translate = translator("fr");

describe("the sign-in form", () => {
  it("says what is missing or malformed, field by field, without signing in", async () => {
    const onLogin = vi.fn();
    render(<LoginScreen onLogin={onLogin} translate={translate} />);
    await userEvent.click(screen.getByRole("button", { name: "Connexion" }));
    expect(screen.getAllByText("Ce champ est requis")).toHaveLength(2);
    await userEvent.type(screen.getByLabelText(/E-mail/), "alice");
    await userEvent.click(screen.getByRole("button", { name: "Connexion" }));
    expect(screen.getByText("Doit être un email")).toBeInTheDocument();
    expect(onLogin).not.toHaveBeenCalled();
  });

  it("signs in with the trimmed e-mail, and says a refusal in French", async () => {
    const onLogin = vi.fn().mockRejectedValueOnce(new Error("app.errors.invalid_credentials")).mockResolvedValueOnce(undefined);
    render(<LoginScreen onLogin={onLogin} translate={translate} />);
    await userEvent.type(screen.getByLabelText(/E-mail/), " admin@demo.local ");
    await userEvent.type(screen.getByLabelText(/Mot de passe/), "pas-le-bon");
    await userEvent.click(screen.getByRole("button", { name: "Connexion" }));
    expect(await screen.findByText("E-mail ou mot de passe incorrect.")).toBeInTheDocument();
    expect(onLogin).toHaveBeenCalledWith({ email: "admin@demo.local", password: "pas-le-bon" });
    await userEvent.click(screen.getByRole("button", { name: "Connexion" }));
    expect(onLogin).toHaveBeenCalledTimes(2);
  });

  it("says why the console signed its admin out, once", async () => {
    await createAuthProvider("/api").checkError({ status: 401, body: { code: "unauthorized" } }).catch(() => undefined);
    const { unmount } = render(<LoginScreen onLogin={vi.fn()} translate={translate} />);
    expect(screen.getByRole("alert")).toHaveTextContent("Votre session a expiré. Reconnectez-vous.");
    unmount();
    render(<LoginScreen onLogin={vi.fn()} translate={translate} />);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
