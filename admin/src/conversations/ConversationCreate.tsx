import SendIcon from "@mui/icons-material/Send";
import { Create, SaveButton, SimpleForm, Toolbar } from "react-admin";
import { ConversationInputs } from "./ConversationInputs";
import { toConversationCreate } from "./conversationModel";

const SendToolbar = () => (
  <Toolbar>
    <SaveButton label="app.action.send" icon={<SendIcon />} />
  </Toolbar>
);

export const ConversationCreate = () => (
  <Create redirect="show" transform={toConversationCreate} title="app.action.new_conversation">
    <SimpleForm sx={{ maxWidth: 720 }} toolbar={<SendToolbar />}>
      <ConversationInputs />
    </SimpleForm>
  </Create>
);
