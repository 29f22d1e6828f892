import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import { useEffect, useState } from "react";
import type { Conversation } from "@messagerie/client/types";
import { Snippet } from "@messagerie/client/ui/Snippet";
import { useApi } from "../api/ApiContext.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";

/**
 * In the new-conversation dialog: while the pro types a subject, his open conversations about it — "Vous avez déjà une
 * conversation ouverte à ce sujet" — each with a way to continue it instead of opening a duplicate.
 */
export function ExistingConversations({ subject, onContinue }: { subject: string; onContinue: (id: number) => void }) {
  const client = useApi();
  const { t } = useI18n();
  const [found, setFound] = useState<Conversation[]>([]);
  const typed = subject.trim();
  useEffect(() => {
    if (typed.length < 3) return setFound([]);
    let current = true;
    // Once the typing pauses; a failure only means no suggestion.
    const timer = setTimeout(() => {
      client.suggestConversations(typed).then((rows) => current && setFound(rows), () => current && setFound([]));
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, typed]);
  if (typed.length < 3 || found.length === 0) return null;
  return (
    <Alert severity="info" role="status" sx={{ mt: 1 }}>
      {t.newConversation.existing}
      <List dense disablePadding>
        {found.map((conversation) => (
          <ListItem key={conversation.id} disableGutters sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
            <span>{conversation.match ? <Snippet segments={conversation.match.snippet} /> : conversation.subject}</span>
            <Button size="small" onClick={() => onContinue(conversation.id)}>
              {t.newConversation.continue}
            </Button>
          </ListItem>
        ))}
      </List>
    </Alert>
  );
}
