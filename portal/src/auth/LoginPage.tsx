import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import ScopedCssBaseline from "@mui/material/ScopedCssBaseline";
import Typography from "@mui/material/Typography";
import { useState, type FormEvent } from "react";
import { errorText } from "../api/errors.ts";
import { ApiError, login } from "../api/client.ts";
import type { Session } from "@messagerie/client/types";
import { useI18n } from "../i18n/I18nContext.tsx";
import { LanguageSwitch } from "../layout/LanguageSwitch.tsx";
import { handOverToAdmin } from "./session.ts";
import FilledInput from "@mui/material/FilledInput";
import { SignInField } from "@messagerie/client/ui/SignInField";

interface LoginPageProps {
  /** A professional signed in. (An admin is handed over to the console instead.) */
  onSignedIn: (session: Session) => void;
  expired?: boolean;
  /** The account was deactivated while signed in. */
  disabled?: boolean;
}

export function LoginPage({ onSignedIn, expired = false, disabled = false }: LoginPageProps) {
  const { t, locale } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [redirecting, setRedirecting] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError(t.login.required);
      return;
    }
    setSending(true);
    setError(null);
    try {
      const session = await login(email.trim(), password);
      if (session.user.role === "ADMIN") {
        setRedirecting(true);
        handOverToAdmin(session);
        return;
      }
      onSignedIn(session);
    } catch (caught) {
      setError(messageFor(caught));
      setSending(false);
    }
  }

  function messageFor(caught: unknown): string {
    // A 401 without a more precise code is a wrong email or password.
    if (caught instanceof ApiError && caught.status === 401 && caught.code !== "account_disabled") return t.login.invalid;
    return errorText(t, caught);
  }

  const notice = error
    ? { severity: "error" as const, text: error }
    : redirecting
      ? { severity: "info" as const, text: t.login.redirectingAdmin }
      : disabled
        ? { severity: "warning" as const, text: t.errors.account_disabled }
        : expired
          ? { severity: "info" as const, text: t.login.expired }
          : null;

  return (
    <ScopedCssBaseline lang={locale} sx={{ minHeight: "100dvh", display: "flex", alignItems: "center", justifyContent: "center", p: 2 }}>
      <Card component="main" sx={{ width: "100%", maxWidth: 400 }}>
        <CardContent component="form" noValidate onSubmit={onSubmit} sx={{ p: 3 }}>
          <Box sx={{ display: "flex", justifyContent: "space-between", alignItems: "center", mb: 1 }}>
            <Typography variant="overline" component="p" color="text.secondary">
              {t.app.title}
            </Typography>
            <LanguageSwitch />
          </Box>
          <Typography variant="h5" component="h1" gutterBottom>
            {t.login.title}
          </Typography>
          {notice && (
            <Alert severity={notice.severity} sx={{ mb: 1 }}>
              {notice.text}
            </Alert>
          )}
          <SignInField Input={FilledInput} variant="filled" label={t.login.email} type="email" value={email} onChange={setEmail} autoComplete="username" autoFocus />
          <SignInField Input={FilledInput} variant="filled" label={t.login.password} type="password" value={password} onChange={setPassword} autoComplete="current-password" />
          <Button type="submit" variant="contained" fullWidth disabled={sending} sx={{ mt: 2 }}>
            {sending ? t.login.submitting : t.login.submit}
          </Button>
        </CardContent>
      </Card>
    </ScopedCssBaseline>
  );
}
