import type { BusEvent } from "../events/bus.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Role } from "../generated/prisma/enums.ts";
import { forbidden } from "../http/errors.ts";

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

export function messageScope(actor: Actor): Prisma.MessageWhereInput {
  return isAdmin(actor) ? {} : { conversation: { professionalId: actor.id } };
}

/** The same rule for SQL statements: a condition on a `"Message"` row named `alias`. */
export function messageScopeSql(actor: Actor, alias: string): Prisma.Sql {
  if (isAdmin(actor)) return Prisma.sql`TRUE`;
  const conversationId = Prisma.raw(`${alias}."conversationId"`);
  return Prisma.sql`EXISTS (SELECT 1 FROM "Conversation" scope WHERE scope.id = ${conversationId} AND scope."professionalId" = ${actor.id})`;
}

/** The conversation counter holding what this actor has not read yet. */
export function unreadCounterOf(actor: Actor): "unreadByAdmin" | "unreadByProfessional" {
  return isAdmin(actor) ? "unreadByAdmin" : "unreadByProfessional";
}

export function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden();
}

/** Real-time events: an admin receives every conversation's, a pro only those of his own conversations. */
export function canReceive(actor: Actor, event: BusEvent): boolean {
  if (event.type === "account.changed") return false; // internal: processes act on it, clients never see it
  return isAdmin(actor) || event.professionalId === actor.id;
}

/**
 * Who shares this actor's view: all admins see the same conversations and share one unread count (they read for
 * each other); each pro has his own. Also keys the lists' cached totals.
 */
export function unreadAudience(actor: Actor): string {
  return isAdmin(actor) ? "admins" : `professional:${actor.id}`;
}

/** The audience whose count an event changed, when it changed one. */
export function unreadAudienceOf(event: BusEvent): string | null {
  if (event.type === "account.changed" || !event.unreadChangedFor) return null;
  return event.unreadChangedFor === "ADMIN" ? "admins" : `professional:${event.professionalId}`;
}
