import { useEffect, type ReactNode } from "react";
import { Layout as RaLayout, useLocaleState } from "react-admin";
import { LiveUpdates } from "../events/LiveUpdates";
import { ShortcutsHelp } from "../keyboard/ShortcutsHelp";
import { Menu } from "./Menu";

// The default app bar already offers the language menu, since the i18nProvider lists two locales.
export const Layout = ({ children }: { children: ReactNode }) => {
  const [locale] = useLocaleState();
  // Screen readers and the browser's spell-checker follow the page's language.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  // The layout shows only once signed in: the event stream opens with the session and closes with it.
  return (
    <LiveUpdates>
      <RaLayout menu={Menu}>
        {children}
        <ShortcutsHelp />
      </RaLayout>
    </LiveUpdates>
  );
};
