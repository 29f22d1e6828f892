import ForumIcon from "@mui/icons-material/Forum";
import Alert from "@mui/material/Alert";
import Avatar from "@mui/material/Avatar";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import CircularProgress from "@mui/material/CircularProgress";
import OutlinedInput from "@mui/material/OutlinedInput";
import { SignInField } from "@messagerie/client/ui/SignInField";
import { useState, type FormEvent } from "react";
import { takeSignedOutReason } from "./session";

export type Credentials = { email: string; password: string };

type LoginScreenProps = {
  /** Signs in, or throws an Error whose message is a translation key (`app.errors.invalid_credentials`…). */
  onLogin: (credentials: Credentials) => Promise<unknown>;
  translate: (key: string) => string;
};

const EMAIL = /^\S+@\S+\.\S+$/;

/**
 * The console's sign-in: an e-mail, a password, what went wrong said in the form. Plain MUI, no react-admin: it is
 * the first screen of a cold visit (Boot.tsx shows it before react-admin is even downloaded), and react-admin's own
 * login page once signed out (LoginPage.tsx).
 */
export function LoginScreen({ onLogin, translate }: LoginScreenProps) {
  const [values, setValues] = useState<Credentials>({ email: "", password: "" });
  const [checked, setChecked] = useState(false);
  const [sending, setSending] = useState(false);
  // A session that ended by itself says why (expired, account deactivated) until the next attempt.
  const [error, setError] = useState<string | null>(takeSignedOutReason);
  const problems = {
    email: !values.email.trim() ? "ra.validation.required" : !EMAIL.test(values.email.trim()) ? "ra.validation.email" : null,
    password: values.password ? null : "ra.validation.required",
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (problems.email || problems.password) return;
    setSending(true);
    setError(null);
    try {
      await onLogin({ email: values.email.trim(), password: values.password });
    } catch (caught) {
      setError(caught instanceof Error && caught.message ? caught.message : "ra.auth.sign_in_error");
      setSending(false);
    }
  }

  const field = (name: keyof Credentials, type: "email" | "password", label: string, autoComplete: string, autoFocus = false) => (
    <SignInField
      Input={OutlinedInput}
      variant="outlined"
      label={translate(label)}
      type={type}
      value={values[name]}
      onChange={(value) => setValues((current) => ({ ...current, [name]: value }))}
      autoComplete={autoComplete}
      autoFocus={autoFocus}
      problem={checked && problems[name] ? translate(problems[name]) : null}
    />
  );

  return (
    <Box component="main" sx={{ minHeight: "100dvh", display: "flex", alignItems: "center", justifyContent: "center", p: 2, bgcolor: "background.default" }}>
      <Card sx={{ width: "100%", maxWidth: 360 }}>
        <Box sx={{ display: "flex", justifyContent: "center", mt: 3 }}>
          <Avatar sx={{ bgcolor: "secondary.main" }}>
            <ForumIcon />
          </Avatar>
        </Box>
        <CardContent component="form" noValidate onSubmit={onSubmit} sx={{ p: 3 }}>
          <Box component="h1" sx={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)" }}>
            {translate("app.auth.title")}
          </Box>
          {error && (
            <Alert severity="error" sx={{ mb: 1 }}>
              {translate(error)}
            </Alert>
          )}
          {field("email", "email", "app.auth.email", "username", true)}
          {field("password", "password", "ra.auth.password", "current-password")}
          <Button type="submit" variant="contained" fullWidth disabled={sending} sx={{ mt: 2 }}>
            {sending && <CircularProgress size={18} thickness={3} sx={{ mr: 1 }} color="inherit" />}
            {translate("ra.auth.sign_in")}
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
}
