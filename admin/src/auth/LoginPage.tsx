import ForumIcon from "@mui/icons-material/Forum";
import { email, Login, LoginForm, PasswordInput, required, TextInput } from "react-admin";

/** react-admin's login page, asking for an email rather than a username. */
export const LoginPage = () => (
  <Login avatarIcon={<ForumIcon />}>
    <LoginForm>
      <TextInput
        autoFocus
        source="email"
        type="email"
        label="app.auth.email"
        autoComplete="username"
        validate={[required(), email()]}
      />
      <PasswordInput
        source="password"
        label="ra.auth.password"
        autoComplete="current-password"
        validate={required()}
      />
    </LoginForm>
  </Login>
);
