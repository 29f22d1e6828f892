import StorefrontIcon from "@mui/icons-material/StorefrontOutlined";
import { lazy } from "react";
import type { User } from "@messagerie/client/types";

export default {
  // Loaded when first opened: not part of the console's first load.
  list: lazy(() => import("./UserList").then((module) => ({ default: module.UserList }))),
  create: lazy(() => import("./UserCreate").then((module) => ({ default: module.UserCreate }))),
  edit: lazy(() => import("./UserEdit").then((module) => ({ default: module.UserEdit }))),
  icon: StorefrontIcon,
  recordRepresentation: (record: User) => record.name,
};
