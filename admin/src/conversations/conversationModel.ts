import type { Conversation, ConversationDetail } from "@messagerie/client/types";

export const hasMessages = (record: Conversation | ConversationDetail): record is ConversationDetail =>
  "messages" in record && Array.isArray(record.messages);

/** A ticket a professional opened that no admin has answered yet (not one an admin started). */
export const awaitsFirstReply = (record: Conversation | ConversationDetail): boolean =>
  record.firstAdminReplyAt === null && hasMessages(record) && record.messages[0]?.senderType === "PROFESSIONAL";

/** The server trims, so a message of spaces is empty: say so before sending. */
export const notBlank = (value: unknown) =>
  typeof value === "string" && value.length > 0 && value.trim() === "" ? "ra.validation.required" : undefined;

// --- Quick tabs: presets over the filters `status`, `unreadOnly`, `assigned` and `waitingOn`; others are kept. ---

export type TicketTab = "open" | "mine" | "unassigned" | "todo" | "waiting_pro" | "closed" | "unread" | "all";
export const TICKET_TABS: TicketTab[] = ["open", "mine", "unassigned", "todo", "waiting_pro", "closed", "unread", "all"];

type Filters = Record<string, unknown>;

const PRESETS: Record<TicketTab, Filters> = {
  open: { status: "open" },
  // `assigned`, not `adminId`: no filter input shows it (the "Assigné à" input would, with a value it cannot name).
  mine: { status: "open", assigned: "me" },
  unassigned: { status: "open", assigned: "none" },
  todo: { waitingOn: "ADMIN" },
  waiting_pro: { waitingOn: "PROFESSIONAL" },
  closed: { status: "closed" },
  unread: { unreadOnly: true },
  all: {},
};
const PRESET_KEYS = ["status", "unreadOnly", "assigned", "waitingOn"];

/** How a tab sorts: "À traiter" shows who has waited longest first; the others, the latest activity first. */
export const sortForTab = (tab: TicketTab) =>
  tab === "todo" ? { field: "waitingSince", order: "ASC" as const } : { field: "lastMessageAt", order: "DESC" as const };

const withoutPresetKeys = (filterValues: Filters): Filters =>
  Object.fromEntries(Object.entries(filterValues).filter(([key]) => !PRESET_KEYS.includes(key)));

/** The list's filters once a tab is picked: the tab's preset replaces the preset keys. */
export const filtersForTab = (filterValues: Filters, tab: TicketTab): Filters => ({
  ...withoutPresetKeys(filterValues),
  ...PRESETS[tab],
});

/** The tab whose preset the current filters hold exactly, or false when they combine (e.g. open + unread). */
export const tabOf = (filterValues: Filters): TicketTab | false => {
  const held = Object.fromEntries(
    PRESET_KEYS.filter((key) => filterValues[key] !== undefined && filterValues[key] !== false).map((key) => [key, filterValues[key]]),
  );
  const same = (preset: Filters) =>
    Object.keys(preset).length === Object.keys(held).length && Object.entries(preset).every(([key, value]) => held[key] === value);
  return TICKET_TABS.find((tab) => same(PRESETS[tab])) ?? false;
};

// --- Last-activity date range: the date inputs speak in local days, the API in instants. ---

const parseLocalDay = (value: string): Date | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
};

/** `2024-05-10` → the first instant of that local day, as ISO. */
export const startOfLocalDay = (value: string): string | null => parseLocalDay(value)?.toISOString() ?? null;

/** `2024-05-10` → the last instant of that local day, so "until the 10th" includes the 10th. */
export const endOfLocalDay = (value: string): string | null => {
  const day = parseLocalDay(value);
  if (!day) return null;
  day.setHours(23, 59, 59, 999);
  return day.toISOString();
};

export interface ConversationCreateValues {
  professionalId: number;
  subject: string;
  content?: string;
  /** Files chosen with the message (sent as multipart by the data provider). */
  files?: File[];
}

export const toConversationCreate = ({ professionalId, subject, content = "", files = [] }: ConversationCreateValues) => ({
  professionalId,
  subject: subject.trim(),
  content: content.trim(),
  ...(files.length > 0 && { files }),
});
