import { Admin, Resource } from "react-admin";
import { BrowserRouter } from "react-router-dom";
import { createAuthProvider } from "./auth/authProvider";
import { LoginPage } from "./auth/LoginPage";
import conversations from "./conversations";
import { createDataProvider } from "./dataProvider";
import { i18nProvider } from "./i18n/i18nProvider";
import { Layout } from "./layout/Layout";
import { darkTheme, lightTheme } from "./layout/theme";
import categories from "./categories";
import templates from "./templates";
import notifications from "./notifications";
import users from "./users";
import { Dashboard } from "./stats";

const authProvider = createAuthProvider();
const dataProvider = createDataProvider();
// Real paths (/admin/conversations/3/show) rather than react-admin's default hash router: the API answers
// index.html for any path under Vite's base ("/admin/"), which react-router wants without the last slash.
const basename = import.meta.env.BASE_URL.replace(/\/$/, "");

export const App = () => (
  <BrowserRouter basename={basename}>
    <Admin
      title="Messagerie"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      loginPage={LoginPage}
      layout={Layout}
      dashboard={Dashboard}
      theme={lightTheme}
      darkTheme={darkTheme}
      requireAuth
      disableTelemetry
    >
      <Resource name="conversations" {...conversations} />
      <Resource name="users" {...users} />
      <Resource name="categories" {...categories} />
      <Resource name="templates" {...templates} />
      <Resource name="notifications" {...notifications} />
    </Admin>
  </BrowserRouter>
);
