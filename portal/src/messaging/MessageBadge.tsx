import Badge from "@mui/material/Badge";
import Box from "@mui/material/Box";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/I18nContext.tsx";
import { VisuallyHidden } from "../layout/VisuallyHidden.tsx";
import { useUnreadCount } from "./useUnreadCount.tsx";

/**
 * The label of the Messagerie tab with the unread count on it. The red number is for the eye; screen readers
 * (and the browser tests) read the same count in words, so the tab is named "Messagerie, 1 message non lu".
 */
export function MessageBadge({ children }: { children?: ReactNode }) {
  const { count } = useUnreadCount();
  const { t } = useI18n();
  const unread = count ?? 0;
  return (
    <Box component="span" sx={{ display: "inline-flex", alignItems: "center", pr: unread > 0 ? 2 : 0 }}>
      <Badge
        badgeContent={unread}
        max={99}
        color="error"
        slotProps={{ badge: { "aria-hidden": true } }}
        sx={{ "& .MuiBadge-badge": { right: -10 } }}
      >
        <span>{children ?? t.messaging.tab}</span>
      </Badge>
      {count !== null && <VisuallyHidden>{`, ${t.badge.unread(unread)}`}</VisuallyHidden>}
    </Box>
  );
}
