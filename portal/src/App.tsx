import { ThemeProvider } from "@mui/material/styles";
import { lazy, Suspense, useEffect, useMemo } from "react";
import LinearProgress from "@mui/material/LinearProgress";
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation, useNavigate } from "react-router";
import { createApiClient } from "./api/client.ts";
import type { Session } from "@messagerie/client/types";
import { LoginPage } from "./auth/LoginPage.tsx";
import { handOverToAdmin } from "./auth/session.ts";
import { SessionProvider, useSession } from "./auth/SessionContext.tsx";
import { I18nProvider } from "./i18n/I18nContext.tsx";
import { theme } from "./theme.ts";

// The login page comes with the first load; the signed-in screens right after, in their own chunk.
const SignedInShell = lazy(() => import("./SignedInShell.tsx"));
const MessagingTab = lazy(() => import("./messaging/MessagingTab.tsx").then((module) => ({ default: module.MessagingTab })));

/** The standalone portal: a login, then the pro's tabs (Messagerie). */
export function App() {
  return (
    <ThemeProvider theme={theme}>
      <I18nProvider>
        <SessionProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginRoute />} />
              <Route element={<SignedIn />}>
                <Route path="/messagerie/:id?" element={<Suspense fallback={<LinearProgress />}><MessagingTab basePath="/messagerie" /></Suspense>} />
              </Route>
              <Route path="*" element={<Navigate to="/messagerie" replace />} />
            </Routes>
          </BrowserRouter>
        </SessionProvider>
      </I18nProvider>
    </ThemeProvider>
  );
}

type FromState = { from?: string } | null;

function LoginRoute() {
  const { session, expired, disabled, signIn } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as FromState)?.from ?? "/messagerie";
  if (session) return <Navigate to={from} replace />;
  return (
    <LoginPage
      expired={expired}
      disabled={disabled}
      onSignedIn={(next) => {
        signIn(next);
        navigate(from, { replace: true });
      }}
    />
  );
}

/** Pages behind the login: any 401 from the API ends the session and comes back to /login. */
function SignedIn() {
  const { session, signOut } = useSession();
  const location = useLocation();
  const token = session?.token;
  const client = useMemo(
    () => (token ? createApiClient({ token, onUnauthorized: (code) => signOut(code === "account_disabled" ? { disabled: true } : { expired: true }) }) : null),
    [token, signOut],
  );

  if (!session || !client) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (session.user.role === "ADMIN") return <AdminHandOver session={session} />;
  return (
    <Suspense fallback={<LinearProgress />}>
      <SignedInShell client={client} user={session.user} onLogout={() => signOut()}>
        <Outlet />
      </SignedInShell>
    </Suspense>
  );
}

/** An admin session stored here (older login, shared device) belongs in the console. */
function AdminHandOver({ session }: { session: Session }) {
  useEffect(() => handOverToAdmin(session), [session]);
  return null;
}
