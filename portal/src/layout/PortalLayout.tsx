import LogoutIcon from "@mui/icons-material/Logout";
import AppBar from "@mui/material/AppBar";
import Box from "@mui/material/Box";
import IconButton from "@mui/material/IconButton";
import Tab from "@mui/material/Tab";
import Tabs from "@mui/material/Tabs";
import Toolbar from "@mui/material/Toolbar";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { User } from "@messagerie/client/types";
import { useI18n } from "../i18n/I18nContext.tsx";
import { MessageBadge } from "../messaging/MessageBadge.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { NotificationsToggle } from "../preferences/NotificationsToggle.tsx";

/**
 * The standalone portal's frame: an app bar with the pro's tabs (only Messagerie here; a host platform
 * has its own) and the page below it, filling the window.
 */
export function PortalLayout({ user, onLogout, children }: { user: User; onLogout: () => void; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Box sx={{ height: "100dvh", display: "flex", flexDirection: "column" }}>
      <AppBar position="static" elevation={1}>
        <Toolbar variant="dense" sx={{ gap: 1, flexWrap: "wrap" }}>
          <Typography variant="h6" component="p" sx={{ mr: 2, display: { xs: "none", sm: "block" } }}>
            {t.app.title}
          </Typography>
          <Box component="nav" aria-label={t.app.navigation} sx={{ flex: 1 }}>
            <Tabs
              value="messagerie"
              textColor="inherit"
              slotProps={{ indicator: { sx: { bgcolor: "common.white" } } }}
            >
              <Tab
                value="messagerie"
                component={Link}
                to="/messagerie"
                label={<MessageBadge />}
                sx={{ minHeight: 48, opacity: 1 }}
              />
            </Tabs>
          </Box>
          <Typography variant="body2" sx={{ display: { xs: "none", md: "block" } }}>
            {t.app.signedInAs(user.name)}
          </Typography>
          <LanguageSwitch onDark />
          <NotificationsToggle />
          <Tooltip title={t.app.logout}>
            <IconButton color="inherit" onClick={onLogout} aria-label={t.app.logout}>
              <LogoutIcon />
            </IconButton>
          </Tooltip>
        </Toolbar>
      </AppBar>
      <Box component="main" sx={{ flex: 1, minHeight: 0, display: "flex", flexDirection: "column" }}>
        {children}
      </Box>
    </Box>
  );
}
