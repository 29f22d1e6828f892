import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import LinearProgress from "@mui/material/LinearProgress";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemButton from "@mui/material/ListItemButton";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { useApi } from "../api/ApiContext.tsx";
import type { ConversationFilter } from "../api/client.ts";
import type { Conversation } from "@messagerie/client/types";
import { Snippet } from "@messagerie/client/ui/Snippet";
import { fullTime, relativeTime, useDateLocale } from "../i18n/dates.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { VisuallyHidden } from "../layout/VisuallyHidden.tsx";
import { updateList } from "./liveUpdates.ts";
import { useMessagingEvent } from "./useMessagingEvents.tsx";
import { useNow } from "./useNow.ts";

export type ListFilter = "all" | "open" | "closed" | "unread";
/** Rows shown at first, and added by each "Afficher plus". */
export const PAGE_SIZE = 50;
export const LIST_FILTERS: ListFilter[] = ["all", "open", "closed", "unread"];

/** The four buttons speak the seed's query: `?status=open|closed` and `?unreadOnly=true`. */
export const filterParams: Record<ListFilter, ConversationFilter> = {
  all: {},
  open: { status: "open" },
  closed: { status: "closed" },
  unread: { unreadOnly: true },
};

interface ConversationListProps {
  filter: ListFilter;
  onFilterChange: (filter: ListFilter) => void;
  selectedId?: number;
  /** Where a row links to: `${basePath}/${id}`. */
  basePath: string;
  onNewConversation: () => void;
  /** Bumped by the tab when a conversation changed elsewhere (message sent, read, reply arrived). */
  reloadKey?: number;
}

export function ConversationList(props: ConversationListProps) {
  const { filter, onFilterChange, selectedId, basePath, onNewConversation, reloadKey } = props;
  const client = useApi();
  const { t } = useI18n();
  const [rows, setRowsState] = useState<Conversation[] | null>(null);
  // Events arrive faster than renders: each one applies to the rows the previous one left.
  const shown = useRef<Conversation[] | null>(null);
  const setRows = useCallback((next: Conversation[]) => {
    shown.current = next;
    setRowsState(next);
  }, []);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // What the pro types, searched once he pauses.
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  const [corrected, setCorrected] = useState<string | null>(null);
  const [suggested, setSuggested] = useState<string | null>(null);
  // How many rows are shown: "Afficher plus" asks for the next ones; another filter or search starts again.
  // Kept with the view it was raised for, so that another view starts at one page without a second request.
  const view = `${filter} ${query}`;
  const [paging, setPaging] = useState({ view, limit: PAGE_SIZE });
  const limit = paging.view === view ? paging.limit : PAGE_SIZE;
  const [more, setMore] = useState<{ remaining: number; bounded: boolean } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  useNow(60_000);

  useMessagingEvent((event) => {
    if (event.type === "unread.changed" || event.type === "presence.changed") return;
    // Still loading (or failed): the answer may predate this event, so ask again.
    // Search results are the server's to rank: any change asks again.
    const update = shown.current && !query ? updateList(shown.current, event, filterParams[filter]) : "reload";
    if (update === "reload") retry();
    else if (update !== shown.current) setRows(update);
  });

  useEffect(() => {
    let current = true;
    setFailed(false);
    client
      .listConversations({ ...filterParams[filter], q: query }, limit)
      .then((page) => {
        if (!current) return;
        setRows(page.rows);
        setCorrected(page.corrected ?? null);
        setSuggested(page.suggested ?? null);
        setMore(page.total > page.rows.length || (page.bounded && page.rows.length === limit) ? { remaining: page.total - page.rows.length, bounded: page.bounded === true } : null);
      })
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [client, filter, query, limit, reloadKey, attempt, setRows]);

  return (
    <Box sx={{ display: "flex", flexDirection: "column", minHeight: 0, minWidth: 0, flex: 1 }}>
      <TextField
        type="search"
        size="small"
        label={t.list.search}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        fullWidth
        // Its width is the column's less the margins (a field as wide as its column, then shifted by its margin,
        // stuck out of it on a desktop and off the screen on a phone).
        sx={{ mx: 2, mt: 1.5, width: (theme) => `calc(100% - ${theme.spacing(4)})` }}
        slotProps={{ htmlInput: { maxLength: 200 } }}
      />
      <ToggleButtonGroup
        value={filter}
        exclusive
        size="small"
        color="primary"
        aria-label={t.list.filterLabel}
        onChange={(_event, next: ListFilter | null) => next && onFilterChange(next)}
        sx={{ px: 2, py: 1, flexWrap: "wrap" }}
      >
        {LIST_FILTERS.map((value) => (
          <ToggleButton key={value} value={value} sx={{ textTransform: "none", px: 1.5 }}>
            {t.list.filters[value]}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {rows === null && !failed && <LinearProgress aria-label={t.list.label} />}
      {corrected && query && !failed && (
        <Alert severity="info" sx={{ mx: 2, mb: 1 }} role="status">
          {t.list.corrected(query, corrected)}
        </Alert>
      )}
      {failed && (
        <Alert
          severity="error"
          sx={{ m: 2 }}
          action={
            <Button color="inherit" size="small" onClick={retry}>
              {t.list.retry}
            </Button>
          }
        >
          {t.list.loadError}
        </Alert>
      )}
      {rows && rows.length === 0 && !failed && query !== "" && (
        <NoResults query={query} suggested={suggested} onSuggestion={(text) => { setTyped(text); setQuery(text); }} />
      )}
      {rows && rows.length === 0 && !failed && query === "" && (
        <EmptyState filtered={filter !== "all"} onNewConversation={onNewConversation} />
      )}
      {rows && rows.length > 0 && (
        <List aria-label={t.list.label} sx={{ overflowY: "auto", py: 0 }}>
          {rows.map((row) => (
            <ConversationRow key={row.id} row={row} to={`${basePath}/${row.id}`} selected={row.id === selectedId} />
          ))}
          {more && (
            <Box component="li" sx={{ display: "flex", justifyContent: "center", p: 1 }}>
              <Button onClick={() => setPaging({ view, limit: limit + PAGE_SIZE })}>{t.list.more(more.remaining, more.bounded)}</Button>
            </Box>
          )}
        </List>
      )}
    </Box>
  );
}

function ConversationRow({ row, to, selected }: { row: Conversation; to: string; selected: boolean }) {
  const { t } = useI18n();
  const dateLocale = useDateLocale();
  const unread = row.unreadCount > 0;
  // An item of the list holding the link (a list holds only items).
  return (
    <ListItem disablePadding divider>
      <ListItemButton
        component={Link}
        to={to}
        selected={selected}
        aria-current={selected ? "page" : undefined}
        sx={{ display: "block", py: 1.25 }}
      >
        <Box sx={{ display: "flex", alignItems: "center", gap: 1 }}>
          <Typography
            component="span"
            variant="subtitle1"
            noWrap
            dir="auto"
            sx={{ flex: 1, minWidth: 0, fontWeight: unread ? 700 : 400 }}
          >
            {row.match && row.match.messageId === null ? <Snippet segments={row.match.snippet} /> : row.subject}
          </Typography>
          {unread && (
            <>
              <Chip size="small" color="error" label={row.unreadCount} aria-hidden />
              <VisuallyHidden>{`, ${t.list.unread(row.unreadCount)}`}</VisuallyHidden>
            </>
          )}
        </Box>
        <Typography component="span" variant="body2" color="text.secondary" noWrap sx={{ display: "block" }}>
          {row.match?.messageId ? (
            <Snippet segments={row.match.snippet} />
          ) : (
            <>
              {row.lastMessageSenderType === "PROFESSIONAL" ? t.list.you : row.lastMessageSender && t.list.saidBy(row.lastMessageSender.name)}
              {row.lastMessagePreview}
            </>
          )}
        </Typography>
        <Box sx={{ display: "flex", alignItems: "center", gap: 1, mt: 0.5 }}>
          <Chip
            size="small"
            variant="outlined"
            color={row.status === "open" ? "success" : "default"}
            label={t.status[row.status]}
          />
          <Typography component="span" variant="caption" color="text.secondary">
            <time dateTime={row.lastMessageAt} title={fullTime(row.lastMessageAt, dateLocale)}>{relativeTime(row.lastMessageAt, dateLocale)}</time>
          </Typography>
        </Box>
      </ListItemButton>
    </ListItem>
  );
}

/** A search that found nothing says so, and offers the close word that would find something ("Vouliez-vous dire…"). */
function NoResults({ query, suggested, onSuggestion }: { query: string; suggested: string | null; onSuggestion: (text: string) => void }) {
  const { t } = useI18n();
  return (
    <Box role="status" sx={{ p: 3, textAlign: "center" }}>
      <Typography color="text.secondary">{t.list.noResults(query)}</Typography>
      {suggested && (
        <Button onClick={() => onSuggestion(suggested)} sx={{ mt: 1, textTransform: "none" }}>
          {t.list.suggested(suggested)}
        </Button>
      )}
    </Box>
  );
}

function EmptyState({ filtered, onNewConversation }: { filtered: boolean; onNewConversation: () => void }) {
  const { t } = useI18n();
  if (filtered) {
    return (
      <Typography color="text.secondary" sx={{ p: 3, textAlign: "center" }}>
        {t.list.emptyFiltered}
      </Typography>
    );
  }
  return (
    <Box sx={{ p: 3, textAlign: "center" }}>
      <Typography variant="h6" component="p" gutterBottom>
        {t.list.emptyTitle}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t.list.emptyText}
      </Typography>
      <Button variant="contained" onClick={onNewConversation}>
        {t.list.openTicket}
      </Button>
    </Box>
  );
}
