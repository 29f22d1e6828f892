import ForumIcon from "@mui/icons-material/ForumOutlined";
import { lazy } from "react";
import { ConversationList } from "./ConversationList";
import type { Conversation } from "@messagerie/client/types";

// The list is the first screen after login: it comes with the first load; the others when first opened.
export default {
  list: ConversationList,
  show: lazy(() => import("./ConversationShow").then((module) => ({ default: module.ConversationShow }))),
  create: lazy(() => import("./ConversationCreate").then((module) => ({ default: module.ConversationCreate }))),
  icon: ForumIcon,
  recordRepresentation: (record: Conversation) => record.subject,
};
