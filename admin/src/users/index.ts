import StorefrontIcon from "@mui/icons-material/StorefrontOutlined";
import { UserCreate } from "./UserCreate";
import { UserEdit } from "./UserEdit";
import { UserList } from "./UserList";
import type { User } from "@messagerie/client/types";

export default {
  list: UserList,
  create: UserCreate,
  edit: UserEdit,
  icon: StorefrontIcon,
  recordRepresentation: (record: User) => record.name,
};
