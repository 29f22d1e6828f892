import { Prisma } from "../generated/prisma/client.ts";
import type { Role } from "../generated/prisma/enums.ts";

/*
 * Who may see what, decided here alone: every query that reads conversations, messages or files on someone's behalf
 * (or for him: his emails, his counters) starts from these conditions, and no `internal` is written anywhere else.
 * The policy answers decisions and SQL; callers turn a refusal into their 403 or 404.
 */

/** Who is calling: the signed-in user as the access rules need him. */
export type Actor = { id: number; role: Role; name: string; email: string };

export const isAdmin = (actor: Actor) => actor.role === "ADMIN";

/**
 * The one rule for conversations: admins see every conversation, a pro only his own.
 * Every query for conversations (and through them, messages) starts from this `where`.
 */
export function conversationScope(actor: Actor): Prisma.ConversationWhereInput {
  return isAdmin(actor) ? {} : { professionalId: actor.id };
}

/** The same rule for SQL statements: a condition on a `"Conversation"` row (named `alias` when given). */
export function conversationScopeSql(actor: Actor, alias?: string): Prisma.Sql {
  const column = Prisma.raw(alias ? `${alias}."professionalId"` : `"professionalId"`);
  return isAdmin(actor) ? Prisma.sql`TRUE` : Prisma.sql`${column} = ${actor.id}`;
}

/**
 * The messages a pro may see of a conversation of his, as a condition on a `"Message"` row named `alias`: the public
 * ones, never an admins' note. Whatever reads messages for a pro — his thread, previews, counters, read marks,
 * search, emails — says it with this.
 */
export function proVisibleMessageSql(alias: string): Prisma.Sql {
  return Prisma.sql`NOT ${Prisma.raw(`${alias}.internal`)}`;
}

/** Messages: admins see every one, notes included; a pro only the public messages of his own conversations. */
export function messageScope(actor: Actor): Prisma.MessageWhereInput {
  return isAdmin(actor) ? {} : { internal: false, conversation: { professionalId: actor.id } };
}

/** The same rule for SQL statements: a condition on a `"Message"` row named `alias`. */
export function messageScopeSql(actor: Actor, alias: string): Prisma.Sql {
  if (isAdmin(actor)) return Prisma.sql`TRUE`;
  const conversationId = Prisma.raw(`${alias}."conversationId"`);
  return Prisma.sql`${proVisibleMessageSql(alias)} AND EXISTS (SELECT 1 FROM "Conversation" scope WHERE scope.id = ${conversationId} AND scope."professionalId" = ${actor.id})`;
}

/**
 * Attachments: exactly as visible as their message — a note's files are admins' only, another pro's are nobody's
 * business. A condition on an `"Attachment"` row named `alias`.
 */
export function attachmentScopeSql(actor: Actor, alias: string): Prisma.Sql {
  if (isAdmin(actor)) return Prisma.sql`TRUE`;
  const messageId = Prisma.raw(`${alias}."messageId"`);
  return Prisma.sql`EXISTS (SELECT 1 FROM "Message" m WHERE m.id = ${messageId} AND ${messageScopeSql(actor, "m")})`;
}

/**
 * The same rule as messageScopeSql, written for a scan of every message (a search): a pro's own conversations are
 * listed once first, so that PostgreSQL starts from them instead of walking all messages to test each one.
 */
export function messageSearchScopeSql(actor: Actor, alias: string): Prisma.Sql {
  if (isAdmin(actor)) return Prisma.sql`TRUE`;
  const conversationId = Prisma.raw(`${alias}."conversationId"`);
  return Prisma.sql`${proVisibleMessageSql(alias)} AND ${conversationId} = ANY(ARRAY(SELECT scope.id FROM "Conversation" scope WHERE scope."professionalId" = ${actor.id}))`;
}

/** The conversation counter holding what this actor has not read yet. */
export function unreadCounterOf(actor: Actor): "unreadByAdmin" | "unreadByProfessional" {
  return isAdmin(actor) ? "unreadByAdmin" : "unreadByProfessional";
}

/** Categories: admins manage them all; a pro is offered (and may file a ticket under) the active ones only. */
export function categoryScope(actor: Actor): Prisma.CategoryWhereInput {
  return isAdmin(actor) ? {} : { active: true };
}

/** What only admins set on a ticket (a pro sending one gets 400, as for a note). */
export const adminOnlyTicketInputs = ["priority", "adminId"] as const;

/** A conversation is rated by its own pro only (his scope then finds it or answers 404); never by an admin. */
export const canRate = (actor: Actor) => !isAdmin(actor);

/**
 * What of a conversation only admins see: its priority, and whether its preview is a note's (present.ts builds a
 * conversation's columns from this list; an event's data loses these fields on its way to a pro).
 */
export const adminOnlyConversationFields = ["priority", "lastMessageInternal"] as const;
/** What of a message only admins see: whether it is a note (a pro is never given one to tell). */
export const adminOnlyMessageFields = ["internal"] as const;

/** What the policy reads of a real-time event (events/bus.ts's shape): whose it is, and what it carries. */
export type EventFacts = {
  type: string;
  professionalId?: number;
  adminsOnly?: boolean;
  unreadChangedFor?: Role;
  data?: Record<string, unknown>;
};

/**
 * Real-time events: an admin receives every conversation's; a pro only those of his own conversations, and never an
 * admins-only one (a note, a change of priority alone, an admin's presence). Belt and braces: a message marked internal is never his.
 */
export function canReceive(actor: Actor, event: EventFacts): boolean {
  if (event.type === "account.changed") return false; // internal: processes act on it, clients never see it
  if (isAdmin(actor)) return true;
  if (event.type === "presence.changed") return false; // who of the admins looks at a ticket is theirs alone
  const message = event.data?.message as { internal?: unknown } | undefined;
  return event.professionalId === actor.id && !event.adminsOnly && message?.internal !== true;
}

/** The data of an event as a pro who may receive it sees it: without what only admins see. */
export function professionalEventData(event: { data: Record<string, unknown> }): Record<string, unknown> {
  const data: Record<string, unknown> = { ...event.data };
  for (const field of adminOnlyConversationFields) delete data[field];
  if (data.message && typeof data.message === "object") {
    const message: Record<string, unknown> = { ...(data.message as Record<string, unknown>) };
    for (const field of adminOnlyMessageFields) delete message[field];
    data.message = message;
  }
  return data;
}

/**
 * Who shares this actor's view: all admins see the same conversations and share one unread count (they read for
 * each other); each pro has his own. Also keys the lists' cached totals.
 */
export function unreadAudience(actor: Actor): string {
  return isAdmin(actor) ? "admins" : `professional:${actor.id}`;
}

/** The audience whose count an event changed, when it changed one. */
export function unreadAudienceOf(event: EventFacts): string | null {
  if (event.type === "account.changed" || !event.unreadChangedFor) return null;
  return event.unreadChangedFor === "ADMIN" ? "admins" : `professional:${event.professionalId}`;
}
