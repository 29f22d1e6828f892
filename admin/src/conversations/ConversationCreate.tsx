import { Create, SimpleForm } from "react-admin";
import { ConversationInputs } from "./ConversationInputs";
import { toConversationCreate } from "./conversationModel";

export const ConversationCreate = () => (
  <Create redirect="show" transform={toConversationCreate} title="app.action.new_conversation">
    <SimpleForm sx={{ maxWidth: 720 }}>
      <ConversationInputs />
    </SimpleForm>
  </Create>
);
