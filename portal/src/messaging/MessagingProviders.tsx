import ScopedCssBaseline from "@mui/material/ScopedCssBaseline";
import { ThemeProvider, type Theme } from "@mui/material/styles";
import type { ReactNode } from "react";
import { ApiProvider } from "../api/ApiContext.tsx";
import type { ApiClient } from "../api/client.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { theme as portalTheme } from "../theme.ts";
import { MessagingEventsProvider } from "./useMessagingEvents.tsx";
import { UnreadCountProvider } from "./useUnreadCount.tsx";

/**
 * Everything the Messagerie components need, and nothing global: MUI's baseline is scoped to this subtree,
 * so a host platform can embed the tab in its dashboard without its page styles changing.
 * Needs an <I18nProvider> above it (the host passes `locale` there) and a router. Light or dark as the system
 * says, unless the host passes `theme` (`lightTheme` keeps it light).
 */
export function MessagingProviders({ client, pollMs, theme = portalTheme, children }: { client: ApiClient; pollMs?: number; theme?: Theme; children: ReactNode }) {
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
