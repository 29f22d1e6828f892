import type { ReactNode } from "react";
import { Layout as RaLayout } from "react-admin";
import { Menu } from "./Menu";

// The default app bar already offers the language menu, since the i18nProvider lists two locales.
export const Layout = ({ children }: { children: ReactNode }) => <RaLayout menu={Menu}>{children}</RaLayout>;
