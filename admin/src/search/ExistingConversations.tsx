import { Alert, Link, List, ListItem } from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useWatch } from "react-hook-form";
import { useDataProvider, useTranslate } from "react-admin";
import { Link as RouterLink } from "react-router-dom";
import type { AppDataProvider } from "../dataProvider";
import { Snippet } from "@messagerie/client/ui/Snippet";

/** What was typed, once the typing pauses. */
export function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** In the new-conversation form: the chosen pro's open conversations about the subject being typed. */
export const ExistingConversations = () => {
  const [subject, professionalId] = useWatch({ name: ["subject", "professionalId"] }) as [string | undefined, number | undefined];
  const typed = useSettled(subject?.trim() ?? "");
  const dataProvider = useDataProvider<AppDataProvider>();
  const translate = useTranslate();
  const { data } = useQuery({
    queryKey: ["conversations", "suggestions", professionalId, typed],
    queryFn: () => dataProvider.suggestConversations("conversations", { subject: typed, professionalId: professionalId as number }),
    enabled: Boolean(professionalId && typed.length >= 3),
  });
  if (!professionalId || typed.length < 3 || !data?.data.length) return null;
  return (
    <Alert severity="info" sx={{ mb: 2, width: "100%" }} role="status">
      {translate("app.search.existing")}
      <List dense disablePadding>
        {data.data.map((conversation) => (
          <ListItem key={conversation.id} disableGutters>
            <Link component={RouterLink} to={`/conversations/${conversation.id}/show`}>
              #{conversation.id} — {conversation.match ? <Snippet segments={conversation.match.snippet} /> : conversation.subject}
            </Link>
          </ListItem>
        ))}
      </List>
    </Alert>
  );
};
