import { Badge, Box, Chip } from "@mui/material";
import { Menu as RaMenu, useGetResourceLabel, useResourceDefinitions, useSidebarState, useTranslate } from "react-admin";
import ForumIcon from "@mui/icons-material/ForumOutlined";
import { useUnreadCount } from "../unread/useUnreadCount";

/**
 * Tickets carry the unread count: after the label while the menu is open, as a badge on the icon once it is folded.
 * The name says it in words and holds what is shown, in the same order ("Tickets, 3 messages non lus").
 */
const TicketsItem = () => {
  const count = useUnreadCount() ?? 0;
  const [open] = useSidebarState();
  const translate = useTranslate();
  const getResourceLabel = useGetResourceLabel();
  const label = getResourceLabel("conversations", 2);
  const Icon = useResourceDefinitions().conversations?.icon ?? ForumIcon;
  return (
    <RaMenu.ResourceItem
      name="conversations"
      aria-label={count > 0 ? `${label}, ${translate("app.unread.messages", { smart_count: count })}` : label}
      primaryText={
        <Box component="span" sx={{ display: "flex", alignItems: "center", gap: 1 }}>
          {label}
          {/* A space: the name's words are the shown ones ("Tickets 2", not "Tickets2"). */}{" "}
          {count > 0 && <Chip component="span" size="small" color="error" label={count} sx={{ height: 20, fontWeight: 700 }} />}
        </Box>
      }
      leftIcon={
        open ? (
          <Icon />
        ) : (
          <Badge badgeContent={count} color="error" max={99}>
            <Icon />
          </Badge>
        )
      }
    />
  );
};

export const Menu = () => (
  <RaMenu>
    <RaMenu.DashboardItem primaryText="app.dashboard.title" />
    <TicketsItem />
    <RaMenu.ResourceItem name="users" />
    <RaMenu.ResourceItem name="categories" />
    <RaMenu.ResourceItem name="templates" />
    <RaMenu.ResourceItem name="notifications" />
  </RaMenu>
);
