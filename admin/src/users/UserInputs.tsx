import { BooleanInput, email, minLength, PasswordInput, required, TextInput } from "react-admin";
import { MIN_PASSWORD_LENGTH } from "./userModel";

/** Create: who the professional is and how they sign in. */
export const UserCreateInputs = () => (
  <>
    <TextInput source="name" validate={required()} autoComplete="off" />
    <TextInput source="email" type="email" validate={[required(), email()]} autoComplete="off" />
    <PasswordInput source="password" validate={[required(), minLength(MIN_PASSWORD_LENGTH)]} autoComplete="new-password" />
  </>
);

/** Edit: the name can be corrected; a deactivated professional can no longer sign in. */
export const UserEditInputs = () => (
  <>
    <TextInput source="email" type="email" readOnly helperText="app.user.email_fixed" />
    <TextInput source="name" validate={required()} />
    <BooleanInput source="active" helperText="app.user.active_hint" />
  </>
);
