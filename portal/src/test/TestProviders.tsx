import { useState, type ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { createApiClient } from "../api/client.ts";
import { I18nProvider } from "../i18n/I18nContext.tsx";
import { MessagingProviders } from "../messaging/MessagingProviders.tsx";

/** What the Messagerie components find around them in the app, with `fetch` stubbed by the test. */
export function TestProviders({ children, pollMs = 60_000 }: { children: ReactNode; pollMs?: number }) {
  const [client] = useState(() => createApiClient({ token: "test-token" }));
  return (
    <I18nProvider locale="fr">
      <MemoryRouter initialEntries={["/messagerie"]}>
        <MessagingProviders client={client} pollMs={pollMs}>
          {children}
        </MessagingProviders>
      </MemoryRouter>
    </I18nProvider>
  );
}
