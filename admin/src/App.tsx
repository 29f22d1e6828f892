import { Admin, Resource, type DataProvider } from "react-admin";
import { createAuthProvider } from "./auth/authProvider";
import { LoginPage } from "./auth/LoginPage";
import conversations from "./conversations";
import { createDataProvider } from "./dataProvider";
import { i18nProvider } from "./i18n/i18nProvider";
import { Layout } from "./layout/Layout";
import { lightTheme } from "./layout/theme";
import users from "./users";

const authProvider = createAuthProvider();
// Vite's base ("/admin/") is where the API serves the console; react-router wants it without the last slash.
const basename = import.meta.env.BASE_URL.replace(/\/$/, "");

interface AppProps {
  dataProvider?: DataProvider;
}

const defaultDataProvider = createDataProvider();

export const App = ({ dataProvider = defaultDataProvider }: AppProps) => (
  <Admin
    title="Messagerie"
    dataProvider={dataProvider}
    authProvider={authProvider}
    basename={basename}
    i18nProvider={i18nProvider}
    loginPage={LoginPage}
    layout={Layout}
    theme={lightTheme}
    requireAuth
    disableTelemetry
  >
    <Resource name="conversations" {...conversations} />
    <Resource name="users" {...users} />
  </Admin>
);
