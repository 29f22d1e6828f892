import { Router, type RequestHandler } from "express";
import { z } from "zod";
import { requireAdmin } from "../http/actor.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { badRequest } from "../http/errors.ts";
import { setContentRange } from "../http/simpleRest.ts";
import type { Operation } from "../openapi/document.ts";
import { listNotificationsQuery, notificationJsonSchema, unsubscribeQuery } from "./schemas.ts";
import type { UnsubscribeTokens } from "./tokens.ts";

const unsubscribeTexts = {
  fr: {
    title: "Notifications",
    ask: "Ne plus recevoir les e-mails de la messagerie ?",
    askDetail: "Vous pourrez les réactiver à tout moment dans la messagerie.",
    button: "Me désabonner",
    done: "C'est fait : vous ne recevrez plus ces e-mails.",
    doneDetail: "Vous pouvez les réactiver dans la messagerie.",
  },
  en: {
    title: "Notifications",
    ask: "Stop the messaging emails?",
    askDetail: "You can turn them back on in the messaging at any time.",
    button: "Unsubscribe",
    done: "Done: you will no longer receive these emails.",
    doneDetail: "You can turn them back on in the messaging.",
  },
};

const page = (lang: string, title: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head>` +
  `<body style="font-family:Arial,sans-serif;max-width:560px;margin:48px auto;padding:0 16px;color:#1d2433">${body}</body></html>`;

/**
 * What was sent (admins), and the unsubscribe link of every email — which works without signing in: GET shows a
 * confirmation page, POST (the page's button, or a mail client's one-click, RFC 8058) turns emails off.
 */
export function notificationsRoutes(prisma: PrismaClient, tokens: UnsubscribeTokens, bearer: RequestHandler) {
  const router = Router();

  router.get("/notifications", bearer, requireAdmin, async (req, res) => {
    const { filter, sort, range } = listNotificationsQuery.parse(req.query);
    const where: Prisma.NotificationWhereInput = {
      ...(filter.status && { status: filter.status }),
      ...(filter.kind && { kind: filter.kind }),
      ...(filter.conversationId && { conversationId: filter.conversationId }),
      ...(filter.recipientId && { recipientId: filter.recipientId }),
      ...(filter.id && { id: { in: filter.id } }),
    };
    const [total, rows] = await Promise.all([
      prisma.notification.count({ where }),
      prisma.notification.findMany({
        where,
        orderBy: [{ [sort.field]: sort.order }, { id: sort.order }],
        skip: range.skip,
        take: range.take,
        include: { recipient: { select: { id: true, name: true, email: true, role: true } }, conversation: { select: { id: true, subject: true } } },
      }),
    ]);
    setContentRange(res, "notifications", range.skip, rows.length, total);
    res.json(rows);
  });

  const userOf = (token: string) => {
    const userId = tokens.userOf(token);
    if (userId === null) throw badRequest("This unsubscribe link is not valid");
    return userId;
  };

  /** The page in the recipient's own language (his preference; French unless he chose English), and only in it. */
  const languageOf = async (userId: number): Promise<"fr" | "en"> =>
    (await prisma.user.findUnique({ where: { id: userId }, select: { language: true } }))?.language === "en" ? "en" : "fr";

  router.get("/notifications/unsubscribe", async (req, res) => {
    const { token } = unsubscribeQuery.parse(req.query);
    const lang = await languageOf(userOf(token));
    const t = unsubscribeTexts[lang];
    res.type("html").send(page(lang, t.title, `<h1 style="font-size:20px">${t.ask}</h1>
<p>${t.askDetail}</p>
<form method="post"><button type="submit" style="padding:10px 18px;font-size:16px">${t.button}</button></form>`));
  });

  router.post("/notifications/unsubscribe", async (req, res) => {
    const { token } = unsubscribeQuery.parse(req.query);
    const userId = userOf(token);
    await prisma.user.updateMany({ where: { id: userId }, data: { emailNotifications: false } });
    if (req.accepts(["html", "json"]) === "json") return void res.json({ emailNotifications: false });
    const lang = await languageOf(userId);
    const t = unsubscribeTexts[lang];
    res.type("html").send(page(lang, t.title, `<h1 style="font-size:20px">${t.done}</h1>\n<p>${t.doneDetail}</p>`));
  });

  return router;
}

export const notificationsOperations: Operation[] = [
  {
    method: "get", path: "/api/notifications", tag: "Notifications", summary: "The emails sent, skipped or failed", access: "admin",
    description: "Read-only, simple-rest: newest first by default; filter by `status`, `kind`, `conversationId`, `recipientId`.",
    query: listNotificationsQuery,
    responses: { 200: { description: "A page of notifications", schema: z.array(notificationJsonSchema), headers: { "Content-Range": "`notifications <first>-<last>/<total>`" } } },
  },
  {
    method: "get", path: "/api/notifications/unsubscribe", tag: "Notifications", summary: "The unsubscribe link's page", access: "public",
    description: "An HTML page with a button that turns the emails off (POST). A tampered token → 400.",
    query: unsubscribeQuery,
    responses: { 200: { description: "The page", contentType: "text/html", schema: z.string() } },
  },
  {
    method: "post", path: "/api/notifications/unsubscribe", tag: "Notifications", summary: "Unsubscribe in one click", access: "public",
    description: "RFC 8058's one-click unsubscribe (`List-Unsubscribe-Post: List-Unsubscribe=One-Click`): no session needed; a tampered token → 400.",
    query: unsubscribeQuery,
    responses: { 200: { description: "Emails are off (an HTML page, or JSON when asked)", contentType: "text/html", schema: z.string() } },
  },
];
