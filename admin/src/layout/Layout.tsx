import { useEffect, type ReactNode } from "react";
import { AppBar, Layout as RaLayout, LoadingIndicator, LocalesMenuButton, Logout, ToggleThemeButton, UserMenu, useGetIdentity, useLocaleState, useTranslate } from "react-admin";
import { LanguagePreference, NotificationsMenuItem } from "../preferences/NotificationsMenuItem";
import { ConnectionBanner } from "@messagerie/client/ui/ConnectionBanner";
import { useStreamLive } from "../events/liveState";
import { LiveUpdates } from "../events/LiveUpdates";
import { ShortcutsHelp } from "../keyboard/ShortcutsHelp";
import { Menu } from "./Menu";

/** While the event stream is down: said at the top of every screen. */
const StreamBanner = () => {
  const translate = useTranslate();
  return <ConnectionBanner live={useStreamLive()} text={translate("app.connection_lost")} />;
};

// The default app bar already offers the language menu, since the i18nProvider lists two locales; the user menu adds
// the email toggle.
// Its button shows the admin's name: its accessible name starts with it ("Alice Martin, Profil").
const AppUserMenu = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const menu = translate("ra.auth.user_menu");
  return (
    <UserMenu label={identity?.fullName ? `${identity.fullName}, ${menu}` : menu}>
      <NotificationsMenuItem />
      <Logout />
    </UserMenu>
  );
};
// react-admin's own toolbar, with its spinner named: a progress bar without a name is a serious axe violation, and
// it shows whenever a query runs (a dashboard refresh, a live update).
const AppToolbar = () => {
  const translate = useTranslate();
  const label = { "aria-label": translate("ra.page.loading") } as object;
  return (
    <>
      <LocalesMenuButton />
      <ToggleThemeButton />
      <LoadingIndicator {...label} />
    </>
  );
};
const AppAppBar = () => <AppBar userMenu={<AppUserMenu />} toolbar={<AppToolbar />} />;

export const Layout = ({ children }: { children: ReactNode }) => {
  const [locale] = useLocaleState();
  // Screen readers and the browser's spell-checker follow the page's language.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  // The layout shows only once signed in: the event stream opens with the session and closes with it.
  return (
    <LiveUpdates>
      {/* A long title (a ticket's subject) ends with an ellipsis instead of running under the app bar's menus. */}
      <RaLayout menu={Menu} appBar={AppAppBar} sx={{ "& .RaAppBar-toolbar > .RaConfigurable-root": { flex: 1, minWidth: 0, overflow: "hidden" }, "& #react-admin-title, & #react-admin-title *": { display: "block", minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }, minWidth: 0, "& .RaLayout-appFrame, & .RaLayout-contentWithSidebar, & .RaLayout-content": { minWidth: 0 } }}>
        <StreamBanner />
        <LanguagePreference />
        {children}
        <ShortcutsHelp />
      </RaLayout>
    </LiveUpdates>
  );
};
