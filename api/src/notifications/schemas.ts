import { z } from "zod";
import { idsFilter, idValue, listQuery } from "../http/simpleRest.ts";
import { timestampJson } from "../http/simpleRest.ts";

export const NOTIFICATION_STATUSES = ["pending", "sending", "sent", "skipped", "failed"] as const;
export const NOTIFICATION_KINDS = ["reply", "message", "reminder"] as const;

export const listNotificationsQuery = listQuery({
  filter: z.object({
    status: z.enum(NOTIFICATION_STATUSES).optional(),
    kind: z.enum(NOTIFICATION_KINDS).optional(),
    conversationId: idValue("conversationId").optional(),
    recipientId: idValue("recipientId").optional(),
    id: idsFilter,
  }),
  sortFields: ["id", "createdAt", "updatedAt", "sentAt", "status", "attempts"],
  defaultSort: ["createdAt", "DESC"],
  defaultPageSize: 25,
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;

/** An email as GET /api/notifications shows it. */
export const notificationJsonSchema = z
  .object({
    id: z.number().int(),
    recipientId: z.number().int(),
    recipient: z.object({ id: z.number().int(), name: z.string(), email: z.string(), role: z.enum(["PROFESSIONAL", "ADMIN"]) }),
    conversationId: z.number().int(),
    conversation: z.object({ id: z.number().int(), subject: z.string() }),
    kind: z.enum(NOTIFICATION_KINDS).describe("reply: admins' messages to the pro; message: the pro's to admins; reminder: the pro has not answered"),
    status: z.enum(NOTIFICATION_STATUSES),
    attempts: z.number().int(),
    detail: z.string().nullable().describe("Why it was skipped, or the last error"),
    messageIds: z.array(z.number().int()),
    createdAt: timestampJson,
    updatedAt: timestampJson,
    sentAt: timestampJson.nullable(),
  })
  .meta({ id: "Notification" });

export const unsubscribeQuery = z.object({ token: z.string().max(100) });
