import LockIcon from "@mui/icons-material/TaskAlt";
import LockOpenIcon from "@mui/icons-material/Replay";
import { BulkUpdateButton } from "react-admin";

/** Close or reopen the selected tickets: one partial PUT `{status}` each (useUpdateMany). No bulk delete. */
export const BulkStatusButtons = () => (
  <>
    <BulkUpdateButton
      data={{ status: "closed" }}
      label="app.action.close"
      icon={<LockIcon />}
      successMessage="app.notification.closed"
    />
    <BulkUpdateButton
      data={{ status: "open" }}
      label="app.action.reopen"
      icon={<LockOpenIcon />}
      successMessage="app.notification.reopened"
    />
  </>
);
