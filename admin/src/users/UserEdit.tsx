import { Edit, SaveButton, SimpleForm, Toolbar } from "react-admin";
import { UserEditInputs } from "./UserInputs";
import { toUserUpdate } from "./userModel";

// No delete: a professional's conversations must stay; deactivating is the way out.
const EditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export const UserEdit = () => (
  <Edit transform={toUserUpdate} mutationMode="pessimistic">
    <SimpleForm sx={{ maxWidth: 520 }} toolbar={<EditToolbar />}>
      <UserEditInputs />
    </SimpleForm>
  </Edit>
);
