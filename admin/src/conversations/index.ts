import ForumIcon from "@mui/icons-material/ForumOutlined";
import { ConversationCreate } from "./ConversationCreate";
import { ConversationList } from "./ConversationList";
import type { Conversation } from "@messagerie/client/types";
import { ConversationShow } from "./ConversationShow";

export default {
  list: ConversationList,
  show: ConversationShow,
  create: ConversationCreate,
  icon: ForumIcon,
  recordRepresentation: (record: Conversation) => record.subject,
};
