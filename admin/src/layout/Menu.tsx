import { Badge } from "@mui/material";
import { Menu as RaMenu, useGetResourceLabel, useResourceDefinitions, useTranslate } from "react-admin";
import ForumIcon from "@mui/icons-material/ForumOutlined";
import { useUnreadCount } from "../unread/useUnreadCount";

/** Tickets carry the unread badge; the label says it to screen readers too. */
const TicketsItem = () => {
  const count = useUnreadCount() ?? 0;
  const translate = useTranslate();
  const getResourceLabel = useGetResourceLabel();
  const label = getResourceLabel("conversations", 2);
  const Icon = useResourceDefinitions().conversations?.icon ?? ForumIcon;
  return (
    <RaMenu.ResourceItem
      name="conversations"
      aria-label={count > 0 ? `${label}, ${translate("app.unread.messages", { smart_count: count })}` : label}
      leftIcon={
        <Badge badgeContent={count} color="error" max={99}>
          <Icon />
        </Badge>
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
