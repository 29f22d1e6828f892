import NotificationsActiveIcon from "@mui/icons-material/NotificationsActive";
import NotificationsOffIcon from "@mui/icons-material/NotificationsOffOutlined";
import IconButton from "@mui/material/IconButton";
import Tooltip from "@mui/material/Tooltip";
import { useEffect, useState } from "react";
import { useApi } from "../api/ApiContext.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";

/** The bell in the app bar: emails on or off (his preference, kept by the API). Hidden until it is known. */
export function NotificationsToggle() {
  const client = useApi();
  const { t } = useI18n();
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    let current = true;
    client.preferences().then((preferences) => current && setOn(preferences.emailNotifications), () => undefined);
    return () => {
      current = false;
    };
  }, [client]);
  if (on === null) return null;
  const toggle = () => {
    setOn(!on);
    client.updatePreferences({ emailNotifications: !on }).then((saved) => setOn(saved.emailNotifications), () => setOn(on));
  };
  return (
    <Tooltip title={on ? t.app.emailsOn : t.app.emailsOff}>
      <IconButton color="inherit" onClick={toggle} aria-label={t.app.emailsLabel} aria-pressed={on}>
        {on ? <NotificationsActiveIcon /> : <NotificationsOffIcon />}
      </IconButton>
    </Tooltip>
  );
}
