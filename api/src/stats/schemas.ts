import { z } from "zod";
import { dateValue, idValue } from "../http/simpleRest.ts";

const prioritySchema = z.enum(Priority, { message: 'priority must be "low", "normal", "high" or "urgent"' });
import { Priority } from "../generated/prisma/enums.ts";

const DAY_MS = 86_400_000;
/** Longer ranges are the work of an export, not of a dashboard. */
export const MAX_RANGE_DAYS = 800;

const timeZone = z
  .string()
  .trim()
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "timeZone must be an IANA time zone such as Europe/Paris");

const statsFields = {
  from: dateValue.optional(),
  to: dateValue.optional(),
  categoryId: idValue("categoryId").optional(),
  adminId: idValue("adminId").optional(),
  priority: prioritySchema.optional(),
};

/** `from`/`to` default to the last 30 days before now; `from` must come before `to`. */
const withRange = (now: () => Date) => <T extends { from?: Date; to?: Date }>(query: T, context: z.RefinementCtx) => {
  const to = query.to ?? now();
  const from = query.from ?? new Date(to.getTime() - 30 * DAY_MS);
  if (from >= to) context.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
  else if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    context.addIssue({ code: "custom", path: ["from"], message: `the range must be at most ${MAX_RANGE_DAYS} days` });
  }
  return { ...query, from, to };
};

export const statsQuery = (now: () => Date) =>
  z.object(statsFields).strict().transform((query, context) => withRange(now)(query, context));
export type StatsQuery = z.infer<ReturnType<typeof statsQuery>>;

export const timeseriesQuery = (now: () => Date) =>
  z
    .object({
      ...statsFields,
      interval: z.enum(["day", "week", "month"], { message: 'interval must be "day", "week" or "month"' }).default("day"),
      timeZone: timeZone.default("UTC"),
    })
    .strict()
    .transform((query, context) => withRange(now)(query, context));
export type TimeseriesQuery = z.infer<ReturnType<typeof timeseriesQuery>>;

const seconds = z.number().nullable();
const summary = z.object({
  count: z.number().int(),
  median: seconds,
  p90: seconds,
  mean: seconds,
  business: z.object({ median: seconds, p90: seconds, mean: seconds }).optional().describe("In business time (BUSINESS_HOURS)"),
});
const work = { replies: z.number().int(), medianResponse: seconds, closed: z.number().int() };

export const statsJsonSchema = z.object({
  from: z.string(),
  to: z.string(),
  firstResponse: summary,
  response: summary,
  resolution: summary,
  volume: z.object({
    created: z.number().int(),
    closed: z.number().int(),
    reopened: z.number().int(),
    messages: z.object({ professional: z.number().int(), admin: z.number().int() }),
  }),
  backlog: z.object({
    open: z.number().int(),
    waitingOnAdmin: z.object({ total: z.number().int(), under1h: z.number().int(), from1to4h: z.number().int(), from4to24h: z.number().int(), over24h: z.number().int() }),
    waitingOnProfessional: z.number().int(),
    unassigned: z.number().int(),
  }),
  satisfaction: z.object({
    count: z.number().int(),
    average: z.number().nullable(),
    distribution: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
    responseRate: z.number().nullable().describe("Ratings of the closings in the range, over those closings"),
  }),
  perAdmin: z.array(z.object({ adminId: z.number().int(), name: z.string(), ...work })),
  perCategory: z.array(z.object({ categoryId: z.number().int().nullable(), name: z.string().nullable(), ...work })),
  perPriority: z.array(z.object({ priority: prioritySchema, ...work })),
});

export const timeseriesJsonSchema = z.array(
  z.object({
    start: z.string().describe("The bucket's first instant (UTC ISO), at midnight in timeZone"),
    created: z.number().int(),
    closed: z.number().int(),
    reopened: z.number().int(),
    messagesProfessional: z.number().int(),
    messagesAdmin: z.number().int(),
    medianResponse: seconds,
    medianFirstResponse: seconds,
  }),
);
