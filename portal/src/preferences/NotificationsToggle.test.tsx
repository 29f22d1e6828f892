import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ApiProvider } from "../api/ApiContext.tsx";
import { createApiClient } from "../api/client.ts";
import { I18nProvider } from "../i18n/I18nContext.tsx";
import { stubFetch } from "../test/fetchStub.ts";
import { LanguageSwitch } from "../layout/LanguageSwitch.tsx";
import { NotificationsToggle } from "./NotificationsToggle.tsx";

describe("the pro's email preferences", () => {
  it("the bell shows whether emails are on, and turns them off and on through the API; the language chosen is his emails' too", async () => {
    const user = userEvent.setup();
    let preferences = { emailNotifications: true, language: "fr" };
    const { calls } = stubFetch((call) => {
      if (call.path !== "/api/auth/me/preferences") return undefined;
      if (call.method === "PUT") preferences = { ...preferences, ...(call.body as object) };
      return { body: preferences };
    });
    render(
      <I18nProvider locale="fr">
        <ApiProvider client={createApiClient({ token: "t" })}>
          <NotificationsToggle />
          <LanguageSwitch />
        </ApiProvider>
      </I18nProvider>,
    );
    const bell = await screen.findByRole("button", { name: "E-mails de notification" });
    expect(bell).toHaveAttribute("aria-pressed", "true");
    await user.click(bell);
    await waitFor(() => expect(bell).toHaveAttribute("aria-pressed", "false"));
    expect(calls.filter((call) => call.method === "PUT").map((call) => call.body)).toEqual([{ emailNotifications: false }]);
    expect(preferences.emailNotifications).toBe(false);

    await user.click(screen.getByRole("button", { name: /English/ }));
    await waitFor(() => expect(preferences.language).toBe("en"));
  });
});
