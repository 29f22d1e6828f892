import { createRequire } from "node:module";
import cors from "cors";
import express, { Router } from "express";
import helmet from "helmet";
import type { Redis } from "ioredis";
import { searchAdmission } from "./search/admission.ts";
import type { Logger } from "pino";
import { accountCache } from "./users/accounts.ts";
import { pinoHttp } from "pino-http";
import { authenticate } from "./auth/middleware.ts";
import { acceptFiles, attachmentsOperations, attachmentsRoutes } from "./attachments/routes.ts";
import { attachmentsFor } from "./attachments/service.ts";
import type { AttachmentStorage } from "./attachments/storage.ts";
import { notificationsOperations, notificationsRoutes } from "./notifications/routes.ts";
import type { NotificationsService } from "./notifications/service.ts";
import { unsubscribeTokens } from "./notifications/tokens.ts";
import { preferencesOperations, preferencesRoutes } from "./preferences/routes.ts";
import { authOperations, authRoutes } from "./auth/routes.ts";
import { categoriesOperations, categoriesRoutes } from "./categories/routes.ts";
import { conversationsOperations, conversationsRoutes } from "./conversations/routes.ts";
import { conversationsService } from "./conversations/service.ts";
import { suggestionsOperations, suggestionsRoutes } from "./conversations/suggestions.ts";
import { messagesService } from "./messages/service.ts";
import type { Clock } from "./clock.ts";
import type { Database } from "./db/database.ts";
import type { EventBus } from "./events/bus.ts";
import { eventHub } from "./events/hub.ts";
import { eventsOperations, eventsRoutes } from "./events/routes.ts";
import { healthOperations, healthRoutes } from "./health/routes.ts";
import { admission } from "./http/admission.ts";
import { errorHandler, unknownRoute } from "./http/errors.ts";
import { rejectNul } from "./http/nul.ts";
import { messagesOperations, messagesRoutes } from "./messages/routes.ts";
import { openApiRoutes } from "./openapi/routes.ts";
import { templatesOperations, templatesRoutes } from "./templates/routes.ts";
import { presenceOperations, presenceRoutes } from "./presence/routes.ts";
import { ratingsOperations, ratingsRoutes } from "./ratings/routes.ts";
import { statsOperations, statsRoutes } from "./stats/routes.ts";
import type { Settings } from "./settings.ts";
import { usersOperations, usersRoutes } from "./users/routes.ts";
import { adminApp, portalApp } from "./web/static.ts";

/** Where a session is required: elsewhere, an unknown API path answers 404 without asking for a token. */
const protectedPaths = ["/auth/me", "/messaging", "/users", "/categories", "/search", "/templates", "/stats"];

/** Every route the API serves, as its document (GET /api/openapi.json) declares it. */
export const apiOperations = [
  ...healthOperations,
  ...authOperations,
  ...conversationsOperations,
  ...messagesOperations,
  ...eventsOperations,
  ...usersOperations,
  ...categoriesOperations,
  ...suggestionsOperations,
  ...templatesOperations,
  ...presenceOperations,
  ...ratingsOperations,
  ...statsOperations,
  ...attachmentsOperations,
  ...preferencesOperations,
  ...notificationsOperations,
];
const { version } = createRequire(import.meta.url)("../package.json") as { version: string };

export type AppDependencies = {
  database: Database;
  settings: Settings;
  logger: Logger;
  events: EventBus;
  /** Commands to Redis (REDIS_URL), for what several processes must count together: failed logins. */
  redis?: Redis;
  /** Dates writes and statistics' "now"; the database's clock when absent (tests set times exactly with one). */
  clock?: Clock;
  /** Where attachments are kept; by default as the settings say (S3, or DATA_DIR/attachments). */
  storage?: AttachmentStorage;
  /** Emails after writes (index.ts starts them with the job queue); none when absent. */
  notifications?: NotificationsService;
};

/** Requests that never queue: health checks, and event streams (which hold their connection for minutes). */
const neverQueued = (path: string) => path === "/health" || path === "/messaging/events";

/** Builds the whole app from its dependencies; index.ts only reads the environment and listens. */
export function createApp({ database, settings, logger, events, redis, clock, storage, notifications }: AppDependencies) {
  const { prisma } = database;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", settings.trustProxy);
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === "/api/health" },
      // One short line per request: never headers, so never a token in the logs.
      serializers: {
        // Nor an attachment link's signature, which opens the file for ten minutes.
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.replace(/([?&]signature=)[^&]*/, "$1…") }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
    }),
  );
  app.use(
    helmet({
      // blob: shows an image pasted or chosen before it is sent.
      contentSecurityPolicy: { directives: { "img-src": ["'self'", "data:", "blob:"], "upgrade-insecure-requests": null } },
    }),
  );

  const api = Router();
  api.use(cors({ origin: settings.corsOrigins, exposedHeaders: ["Content-Range", "X-Total-Bound", "X-Search-Corrected", "X-Search-Suggested"] }));
  api.use(admission({ ...settings.admission, maxWaitMs: 10_000, exempt: neverQueued }).middleware);
  api.use(express.json({ limit: "1mb" }));
  api.use(rejectNul);

  api.use(healthRoutes(database));
  api.use(openApiRoutes(apiOperations, version));

  const accounts = accountCache(prisma, events);
  const bearer = authenticate(accounts, settings.jwtSecret);
  api.use(protectedPaths, bearer);
  api.use(authRoutes(prisma, settings, redis));

  const files = attachmentsFor(prisma, settings, { storage, clock });
  const conversations = conversationsService(prisma, events, files.links, { clock, searchTimeoutMs: settings.search.timeoutMs, searchLimits: database.kind === "postgres" });
  const messages = messagesService({ prisma, conversations, files, clock, followUps: notifications });
  const hub = eventHub(events, conversations.unreadCount, logger, {
    heartbeatMs: settings.sseHeartbeatMs,
    maxStreamsPerUser: settings.sseMaxStreamsPerUser,
  });
  api.use("/messaging", searchAdmission(settings.search), conversationsRoutes(prisma, conversations), messagesRoutes(prisma, conversations, messages, acceptFiles(settings.attachments)), presenceRoutes(prisma, events), ratingsRoutes(prisma, events, clock), eventsRoutes(hub));
  api.use(usersRoutes(prisma, accounts, events));
  api.use(categoriesRoutes(prisma));
  api.use("/search", suggestionsRoutes(prisma));
  api.use(templatesRoutes(prisma));
  api.use(statsRoutes(prisma, { businessHours: settings.businessHours, clock }));
  api.use(attachmentsRoutes(files, bearer, settings.attachments));
  api.use(preferencesRoutes(prisma));
  api.use(notificationsRoutes(prisma, unsubscribeTokens(settings.jwtSecret), bearer));

  api.use(unknownRoute);
  api.use(errorHandler(logger));
  app.use("/api", api);

  app.use("/admin", adminApp());
  app.use("/", portalApp());
  app.use(errorHandler(logger));
  return app;
}
