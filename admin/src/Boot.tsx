import CssBaseline from "@mui/material/CssBaseline";
import LinearProgress from "@mui/material/LinearProgress";
import { ThemeProvider } from "@mui/material/styles";
import useMediaQuery from "@mui/material/useMediaQuery";
import { lazy, Suspense, useEffect, useState } from "react";
import { createAuthProvider } from "./auth/authProvider";
import { LoginScreen, type Credentials } from "./auth/LoginScreen";
import { readSession } from "./auth/session";
import { translator } from "./i18n/translator";
import { darkTheme, lightTheme } from "./layout/theme";

// react-admin and the screens: downloaded while the sign-in form is shown, or at once for a signed-in admin.
const loadConsole = () => import("./App");
const App = lazy(() => loadConsole().then((module) => ({ default: module.App })));

/** What react-admin's store (localStorage, "RaStore.<key>") remembers of a choice, if anything. */
const stored = (key: string): unknown => {
  try {
    return JSON.parse(localStorage.getItem(`RaStore.${key}`) ?? "null");
  } catch {
    return null;
  }
};

/**
 * The console's first screen. A cold visit gets the sign-in form alone (React and a few MUI parts: the first load),
 * then react-admin, already on its way; a signed-in admin (or one handed over by the portal) gets the console at once.
 */
export function Boot() {
  const [signedIn, setSignedIn] = useState(() => readSession() !== null);
  const locale = stored("locale") === "en" ? "en" : "fr";
  const systemDark = useMediaQuery("(prefers-color-scheme: dark)", { noSsr: true });
  const dark = stored("theme") === "dark" || (stored("theme") !== "light" && systemDark);
  useEffect(() => {
    if (signedIn) return;
    document.documentElement.lang = locale;
    // Once the form is on screen, the rest comes in the background.
    const later = setTimeout(() => void loadConsole(), 0);
    return () => clearTimeout(later);
  }, [signedIn, locale]);

  if (signedIn) {
    return (
      <Suspense fallback={<LinearProgress aria-label={translator(locale)("ra.page.loading")} />}>
        <App />
      </Suspense>
    );
  }
  const authProvider = createAuthProvider();
  const onLogin = async (credentials: Credentials) => {
    await authProvider.login(credentials);
    // Opened at /admin/login: the console's home once signed in.
    if (/\/login\/?$/.test(window.location.pathname)) window.history.replaceState(null, "", import.meta.env.BASE_URL);
    setSignedIn(true);
  };
  return (
    <ThemeProvider theme={dark ? darkTheme : lightTheme}>
      <CssBaseline />
      <LoginScreen onLogin={onLogin} translate={translator(locale)} />
    </ThemeProvider>
  );
}
