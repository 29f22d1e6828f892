import { useLogin, useTranslate } from "react-admin";
import { LoginScreen } from "./LoginScreen";

/** react-admin's login page (after signing out, or once a session ended): the console's own sign-in form. */
export const LoginPage = () => {
  const login = useLogin();
  const translate = useTranslate();
  return <LoginScreen onLogin={(credentials) => login(credentials)} translate={(key) => translate(key, { _: key })} />;
};
