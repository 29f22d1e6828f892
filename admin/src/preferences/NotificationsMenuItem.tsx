import { ListItemIcon, ListItemText, MenuItem, Switch } from "@mui/material";
import MailIcon from "@mui/icons-material/MailOutline";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useDataProvider, useLocaleState, useNotify, useTranslate } from "react-admin";
import type { AppDataProvider } from "../dataProvider";

const KEY = ["preferences"];

/** In the user menu: "E-mails de notification", on or off (the API keeps it). */
export const NotificationsMenuItem = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  const { data } = useQuery({ queryKey: KEY, queryFn: () => dataProvider.getPreferences("preferences") });
  const { mutate } = useMutation({
    mutationFn: (emailNotifications: boolean) => dataProvider.updatePreferences("preferences", { emailNotifications }),
    onSuccess: (saved) => {
      queryClient.setQueryData(KEY, saved);
      notify(saved.emailNotifications ? "app.preferences.emails_on" : "app.preferences.emails_off", { type: "info" });
    },
    onError: () => notify("app.errors.internal", { type: "error" }),
  });
  if (!data) return null;
  return (
    <MenuItem onClick={() => mutate(!data.emailNotifications)} role="menuitemcheckbox" aria-checked={data.emailNotifications}>
      <ListItemIcon>
        <MailIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText primary={translate("app.preferences.emails")} secondary={translate("app.preferences.emails_hint")} />
      <Switch edge="end" checked={data.emailNotifications} tabIndex={-1} inputProps={{ "aria-hidden": true }} />
    </MenuItem>
  );
};

/** The console's language is the admin's emails' language too: a change is told to the API (not the first render). */
export const LanguagePreference = () => {
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<AppDataProvider>();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (locale === "fr" || locale === "en") void dataProvider.updatePreferences("preferences", { language: locale }).catch(() => undefined);
  }, [locale, dataProvider]);
  return null;
};
