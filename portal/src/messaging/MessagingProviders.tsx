import ScopedCssBaseline from "@mui/material/ScopedCssBaseline";
import { ThemeProvider } from "@mui/material/styles";
import type { ReactNode } from "react";
import { ApiProvider } from "../api/ApiContext.tsx";
import type { ApiClient } from "../api/client.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { theme } from "../theme.ts";
import { MessagingEventsProvider } from "./useMessagingEvents.tsx";
import { UnreadCountProvider } from "./useUnreadCount.tsx";

/**
 * Everything the Messagerie components need, and nothing global: MUI's baseline is scoped to this subtree,
 * so a host platform can embed the tab in its dashboard without its page styles changing.
 * Needs an <I18nProvider> above it (the host passes `locale` there) and a router.
 */
export function MessagingProviders({ client, pollMs, children }: { client: ApiClient; pollMs?: number; children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ThemeProvider theme={theme}>
      <ApiProvider client={client}>
        <MessagingEventsProvider>
          <UnreadCountProvider pollMs={pollMs}>
            <ScopedCssBaseline lang={locale} sx={{ height: "100%", display: "flex", flexDirection: "column" }}>
              {children}
            </ScopedCssBaseline>
          </UnreadCountProvider>
        </MessagingEventsProvider>
      </ApiProvider>
    </ThemeProvider>
  );
}
