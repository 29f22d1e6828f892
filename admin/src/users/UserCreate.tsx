import { Create, SimpleForm } from "react-admin";
import { UserCreateInputs } from "./UserInputs";
import { toUserCreate } from "./userModel";

export const UserCreate = () => (
  <Create redirect="list" transform={toUserCreate} title="app.user.new">
    <SimpleForm sx={{ maxWidth: 520 }}>
      <UserCreateInputs />
    </SimpleForm>
  </Create>
);
