// The shapes of docs/api.md, as the admin console and the portal receive them (dates are ISO strings in JSON).

export type Role = "PROFESSIONAL" | "ADMIN";
export type SenderType = Role;
export type ConversationStatus = "open" | "closed";
/** Lowest to highest. Admins only. */
export type Priority = "low" | "normal" | "high" | "urgent";
export const PRIORITIES: Priority[] = ["urgent", "high", "normal", "low"];

export interface Category {
  id: number;
  name: string;
  description: string;
  /** false: archived — tickets keep it, new ones cannot choose it. */
  active: boolean;
  createdAt: string;
}

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What `POST /api/auth/login` answers. */
export interface Session {
  token: string;
  user: User;
}

export interface Conversation {
  id: number;
  subject: string;
  status: ConversationStatus;
  professionalId: number;
  professional: { id: number; name: string; email: string };
  /** The assigned admin. */
  adminId: number | null;
  admin: { id: number; name: string } | null;
  categoryId: number | null;
  category: { id: number; name: string } | null;
  /** Admins only. */
  priority?: Priority;
  /** Who is expected to answer; null when closed. */
  waitingOn: SenderType | null;
  /** Since when the oldest unanswered message of the other side was sent; null when closed. */
  waitingSince: string | null;
  /** Admins only: the preview is an internal note's. */
  lastMessageInternal?: boolean;
  /** With a search (`q`) only: what matched, as plain-text segments (never HTML). */
  match?: { messageId: number | null; snippet: Segment[] } | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Who wrote the last public message: his preview says "Alice : …" (or "Vous : …" to him). */
  lastMessageSender?: { id: number; name: string } | null;
  /** Who closed it; "auto": the pro did not answer within AUTO_CLOSE_AFTER. */
  closedBy?: "admin" | "professional" | "auto" | null;
  firstAdminReplyAt: string | null;
  lastMessageAt: string;
  lastMessagePreview: string;
  lastMessageSenderType: SenderType;
  messageCount: number;
  /** The caller's: for a pro, the admins' messages he has not read; for admins, the pro's messages no admin has read. */
  unreadCount: number;
  /** The pro's latest rating; the current closing is rated when `ratedAt` is after `closedAt`. */
  rating: Rating | null;
}

export interface Rating {
  score: number;
  comment: string | null;
  ratedAt: string;
}

/** A closed conversation whose current closing its pro has not rated yet. */
export const awaitsRating = (conversation: Pick<Conversation, "status" | "closedAt" | "rating">) =>
  conversation.status === "closed" && conversation.closedAt !== null &&
  (conversation.rating === null || conversation.rating.ratedAt < conversation.closedAt);

/** GET /api/stats: durations in seconds, null where nothing was measured. */
export interface DurationSummary {
  count: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
  /** With BUSINESS_HOURS set on the server. */
  business?: { median: number | null; p90: number | null; mean: number | null };
}
export interface WorkFigures {
  replies: number;
  medianResponse: number | null;
  closed: number;
}
export interface Stats {
  from: string;
  to: string;
  firstResponse: DurationSummary;
  response: DurationSummary;
  resolution: DurationSummary;
  volume: { created: number; closed: number; reopened: number; messages: { professional: number; admin: number } };
  backlog: {
    open: number;
    waitingOnAdmin: { total: number; under1h: number; from1to4h: number; from4to24h: number; over24h: number };
    waitingOnProfessional: number;
    unassigned: number;
  };
  satisfaction: { count: number; average: number | null; distribution: Record<1 | 2 | 3 | 4 | 5, number>; responseRate: number | null };
  perAdmin: Array<{ adminId: number; name: string } & WorkFigures>;
  perCategory: Array<{ categoryId: number | null; name: string | null } & WorkFigures>;
  perPriority: Array<{ priority: Priority } & WorkFigures>;
}
export interface StatsBucket {
  start: string;
  created: number;
  closed: number;
  reopened: number;
  messagesProfessional: number;
  messagesAdmin: number;
  medianResponse: number | null;
  medianFirstResponse: number | null;
}

export interface Message {
  id: number;
  conversationId: number;
  senderType: SenderType;
  senderId: number;
  sender: { id: number; name: string };
  content: string;
  /** Admins only: an internal note, never shown to the pro. */
  internal?: boolean;
  createdAt: string;
  /** Set when the other side has read it. */
  readAt: string | null;
  /** Its files, exactly as visible as the message. */
  attachments: Attachment[];
}

/** A file sent with a message; `url` and `thumbnailUrl` are signed links that work for 10 minutes without a header. */
export interface Attachment {
  id: number;
  filename: string;
  /** What the content is (sniffed by the API), e.g. `image/png`, `text/csv; charset=utf-8`. */
  contentType: string;
  size: number;
  width?: number;
  height?: number;
  url: string;
  thumbnailUrl?: string;
}

/** GET /api/attachments/limits: what a form checks before sending (the API checks again). */
export interface AttachmentLimits {
  maxBytes: number;
  maxFiles: number;
  /** Accepted content types, each with its extensions. */
  types: Record<string, string[]>;
}

export interface ConversationDetail extends Conversation {
  messages: Message[];
}

/** Limits the API enforces on subjects and message contents (docs/api.md); the forms check them first. */
export const SUBJECT_MAX = 200;
export const CONTENT_MAX = 10_000;

/** A piece of a search snippet: plain text, and whether it is what matched. */
export type Segment = { text: string; match: boolean };

/** The variables a template's content may hold, which the API fills for a ticket (api/src/templates/render.ts). */
export const TEMPLATE_VARIABLES = [
  "pro.name",
  "pro.firstName",
  "pro.email",
  "admin.name",
  "admin.firstName",
  "conversation.id",
  "conversation.subject",
  "category.name",
] as const;

/** A reply template (Réponses types), admins only; its content holds {{variables}} the API fills for a ticket. */
export interface Template {
  id: number;
  name: string;
  content: string;
  categoryId: number | null;
  shortcut: string | null;
  usageCount: number;
  lastUsedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** GET/PUT /api/auth/me/preferences: the signed-in user's own. */
export interface Preferences {
  emailNotifications: boolean;
  language: "fr" | "en";
}

/** An email the API sent, skipped or failed to send (GET /api/notifications, admins). */
export interface Notification {
  id: number;
  recipientId: number;
  recipient: { id: number; name: string; email: string; role: Role };
  conversationId: number;
  conversation: { id: number; subject: string };
  kind: "reply" | "message" | "reminder";
  status: "pending" | "sending" | "sent" | "skipped" | "failed";
  attempts: number;
  detail: string | null;
  messageIds: number[];
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}
