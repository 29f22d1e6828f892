import AddIcon from "@mui/icons-material/Add";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useTheme } from "@mui/material/styles";
import { useCallback, useReducer, useState } from "react";
import { useNavigate, useParams } from "react-router";
import type { ConversationDetail as Detail } from "@messagerie/client/types";
import { useI18n } from "../i18n/I18nContext.tsx";
import { ConversationDetail } from "./ConversationDetail.tsx";
import { ConversationList, type ListFilter } from "./ConversationList.tsx";
import { NewConversationModal } from "./NewConversationModal.tsx";
import { useUnreadCount } from "./useUnreadCount.tsx";
import { useMessagingEvents } from "./useMessagingEvents.tsx";
import { ConnectionBanner } from "@messagerie/client/ui/ConnectionBanner";

/**
 * The Messagerie tab: list and thread side by side on a desktop, two screens on a phone
 * (`basePath` and `basePath/:id`). It fills the height its container gives it.
 */
export function MessagingTab({ basePath = "/messagerie" }: { basePath?: string }) {
  const { t } = useI18n();
  const { live } = useMessagingEvents();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up("md"));
  const navigate = useNavigate();
  const params = useParams();
  const id = params.id === undefined ? undefined : Number(params.id);
  const [filter, setFilter] = useState<ListFilter>("all");
  const [creating, setCreating] = useState(false);
  const [changes, bumpChanges] = useReducer((n: number) => n + 1, 0);
  const { arrivals } = useUnreadCount();
  const onChanged = useCallback(() => bumpChanges(), []);
  const openNew = useCallback(() => setCreating(true), []);

  const onCreated = (conversation: Detail) => {
    setCreating(false);
    bumpChanges();
    navigate(`${basePath}/${conversation.id}`);
  };

  const onContinue = (conversationId: number) => {
    setCreating(false);
    navigate(`${basePath}/${conversationId}`);
  };

  const list = (
    <ConversationList
      filter={filter}
      onFilterChange={setFilter}
      selectedId={id}
      basePath={basePath}
      onNewConversation={openNew}
      reloadKey={changes + arrivals}
    />
  );
  const thread =
    id === undefined ? (
      <Typography color="text.secondary" sx={{ p: 4, textAlign: "center", m: "auto" }}>
        {t.messaging.selectConversation}
      </Typography>
    ) : (
      <ConversationDetail id={id} backTo={wide ? undefined : basePath} onChanged={onChanged} />
    );
  const showHeader = wide || id === undefined;

  return (
    <Box sx={{ display: "flex", flexDirection: "column", height: "100%", minHeight: 0, p: { xs: 0, sm: 2 }, gap: { xs: 0, sm: 1.5 } }}>
      <ConnectionBanner live={live} text={t.messaging.connectionLost} />
      {showHeader && (
        <Box sx={{ display: "flex", alignItems: "center", gap: 2, px: { xs: 2, sm: 0 }, pt: { xs: 1.5, sm: 0 } }}>
          <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
            {t.messaging.tab}
          </Typography>
          <Button variant="contained" startIcon={<AddIcon />} onClick={openNew} size={wide ? "medium" : "small"} sx={{ whiteSpace: "nowrap" }}>
            {t.messaging.newConversation}
          </Button>
        </Box>
      )}
      <Paper
        variant="outlined"
        sx={{ flex: 1, minHeight: 0, display: "flex", overflow: "hidden", borderRadius: { xs: 0, sm: 1 }, border: { xs: 0, sm: 1 }, borderColor: { sm: "divider" } }}
      >
        {wide ? (
          <>
            <Box sx={{ width: 380, flexShrink: 0, display: "flex", borderRight: 1, borderColor: "divider" }}>{list}</Box>
            <Box sx={{ flex: 1, minWidth: 0, display: "flex" }}>{thread}</Box>
          </>
        ) : (
          <Box sx={{ flex: 1, minWidth: 0, display: "flex" }}>{id === undefined ? list : thread}</Box>
        )}
      </Paper>
      <NewConversationModal open={creating} onClose={() => setCreating(false)} onCreated={onCreated} onContinue={onContinue} />
    </Box>
  );
}
