import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import fc from "fast-check";
import { Prisma } from "../src/generated/prisma/client.ts";
import { utcSql } from "../src/clock.ts";
import { businessDurationsSql, parseBusinessHours, type BusinessHours } from "../src/calendar/businessHours.ts";
import { statsBackfillSql } from "../../prisma/statsBackfill.ts";
import { statsQuery } from "../src/stats/schemas.ts";
import { statsOverview } from "../src/stats/overview.ts";
import { startTestApp, type TestApp } from "./harness.ts";

/**
 * Statistics over a history written through the API with the app's clock set at each step, so that every figure is
 * known exactly. Paris is UTC+1 in March 2026: business hours 09:00–18:00 there are 08:00–17:00 UTC; 9 March is a
 * holiday.
 */
let t: TestApp;
let now = new Date("2026-03-02T08:00:00Z");
const at = (iso: string) => void (now = new Date(iso));
let x: User, y: User, p1: User, p2: User, p3: User;
let a: number, b: number, c: number, category: number;

const as = (user: User) => ({ Authorization: t.bearer(user) });
async function open(user: User, iso: string, body: Record<string, unknown>) {
  at(iso);
  const res = await request(t.app).post("/api/messaging/conversations").set(as(user)).send({ subject: "Sujet", content: "Bonjour", ...body });
  expect(res.status).toBe(201);
  return res.body.id as number;
}
async function write(user: User, iso: string, id: number, extra: Record<string, unknown> = {}) {
  at(iso);
  const res = await request(t.app).post(`/api/messaging/conversations/${id}/messages`).set(as(user)).send({ content: "Message", ...extra });
  expect(res.status).toBe(201);
}
async function setStatus(user: User, iso: string, id: number, status: "open" | "closed") {
  at(iso);
  expect((await request(t.app).patch(`/api/messaging/conversations/${id}/status`).set(as(user)).send({ status })).status).toBe(200);
}
const rate = (user: User, id: number, body: unknown) => request(t.app).post(`/api/messaging/conversations/${id}/rating`).set(as(user)).send(body as object);

const MARCH = { from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z" };
const stats = (query: Record<string, string | number> = {}) => request(t.app).get("/api/stats").query({ ...MARCH, ...query }).set(as(x));

beforeAll(async () => {
  const hours = parseBusinessHours("Europe/Paris mon-fri 09:00-18:00", "2026-03-09");
  if (typeof hours === "string") throw new Error(hours);
  t = await startTestApp({ businessHours: hours }, undefined, () => now);
  [x, y, p1, p2, p3] = await Promise.all([
    t.createAdmin({ name: "Xavier" }), t.createAdmin({ name: "Yasmine" }), t.createPro(), t.createPro(), t.createPro(),
  ]);
  category = (await request(t.app).post("/api/categories").set(as(x)).send({ name: "Facturation" })).body.id;

  // A: answered in 30 min (a note before does not count), reopened by the pro, closed for good at 14:00.
  a = await open(p1, "2026-03-02T08:00:00Z", { categoryId: category });
  await write(x, "2026-03-02T08:10:00Z", a, { internal: true });
  await write(x, "2026-03-02T08:30:00Z", a);
  await write(p1, "2026-03-02T09:00:00Z", a);
  await write(p1, "2026-03-02T09:05:00Z", a);
  await write(y, "2026-03-02T10:00:00Z", a);
  await setStatus(y, "2026-03-02T10:30:00Z", a, "closed");
  at("2026-03-02T10:40:00Z");
  expect((await rate(p1, a, { score: 2 })).status).toBe(201);
  await write(p1, "2026-03-02T11:00:00Z", a);
  await write(x, "2026-03-02T13:00:00Z", a);
  await setStatus(x, "2026-03-02T14:00:00Z", a, "closed");

  // C: opened by an admin (no first response), answered 10 min after the pro wrote.
  c = await open(x, "2026-03-02T12:00:00Z", { professionalId: p1.id });
  await write(p1, "2026-03-02T12:30:00Z", c);
  await write(x, "2026-03-02T12:40:00Z", c);

  // B: Friday 17:00 in Paris, answered Tuesday 10:00 after a weekend and a holiday: 89 h, 2 business hours.
  b = await open(p2, "2026-03-06T16:00:00Z", {});
  expect((await request(t.app).put(`/api/messaging/conversations/${b}`).set(as(x)).send({ priority: "high" })).status).toBe(200);
  // D and E wait on an admin: 25 h and 3 h at the end.
  await open(p3, "2026-03-09T09:00:00Z", {});
  await open(p3, "2026-03-10T07:00:00Z", {});
  await write(y, "2026-03-10T09:00:00Z", b);
  at("2026-03-10T10:00:00Z");
}, 60_000);
afterAll(() => t.close());

describe("statistics", () => {
  it("give the median, p90 and mean of first response, response and resolution, in wall-clock and business time", async () => {
    const res = await stats();
    expect(res.status).toBe(200);
    // Responses: 600, 1800, 3600, 7200 and 320400 s (notes never count; a pro's two messages wait from the first).
    expect(res.body.response).toEqual({ count: 5, median: 3600, p90: 195_120, mean: 66_720, business: { median: 3600, p90: 7200, mean: 4080 } });
    // First responses of pro-opened tickets only: A in 1800 s, B in 320400 s (7200 business seconds).
    expect(res.body.firstResponse).toEqual({ count: 2, median: 161_100, p90: 288_540, mean: 161_100, business: { median: 4500, p90: 6660, mean: 4500 } });
    // A reopened ticket counts its final close: 08:00 → 14:00.
    expect(res.body.resolution).toEqual({ count: 1, median: 21_600, p90: 21_600, mean: 21_600, business: { median: 21_600, p90: 21_600, mean: 21_600 } });
  });

  it("count volume, the backlog now by age, per admin, per category and per priority", async () => {
    const { body } = await stats();
    expect(body.volume).toEqual({ created: 5, closed: 2, reopened: 1, messages: { professional: 8, admin: 6 } });
    expect(body.backlog).toEqual({
      open: 4, waitingOnAdmin: { total: 2, under1h: 0, from1to4h: 1, from4to24h: 0, over24h: 1 }, waitingOnProfessional: 2, unassigned: 2,
    });
    expect(body.perAdmin).toEqual([
      // Replies: the message that opens a conversation is not one.
      { adminId: x.id, name: "Xavier", replies: 3, medianResponse: 1800, closed: 1 },
      { adminId: y.id, name: "Yasmine", replies: 2, medianResponse: 162_000, closed: 1 },
    ]);
    expect(body.perCategory).toEqual([
      { categoryId: category, name: "Facturation", replies: 3, medianResponse: 3600, closed: 2 },
      { categoryId: null, name: null, replies: 2, medianResponse: 160_500, closed: 0 },
    ]);
    expect(body.perPriority).toEqual([
      { priority: "high", replies: 1, medianResponse: 320_400, closed: 0 },
      { priority: "normal", replies: 4, medianResponse: 2700, closed: 2 },
    ]);
  });

  it("give the same per-group figures when the groups are many (gathered by hashing rather than filtered)", async () => {
    const query = statsQuery(() => now).parse(MARCH);
    const gathered = await statsOverview(t.prisma, { clock: () => now, filteredGroupsMax: 0 }).overview(query);
    const { body } = await stats();
    expect(gathered.perAdmin).toEqual(body.perAdmin);
    expect(gathered.perCategory).toEqual(body.perCategory);
    expect(gathered.perPriority).toEqual(body.perPriority);
    expect(gathered.perAdmin.map((row) => row.medianResponse)).toEqual([1800, 162_000]);
  });

  it("filter by category, responding admin and priority, and by range", async () => {
    const billing = (await stats({ categoryId: category })).body;
    expect([billing.response.count, billing.response.median, billing.firstResponse.count, billing.volume.created]).toEqual([3, 3600, 1, 1]);
    const xavier = (await stats({ adminId: x.id })).body;
    expect([xavier.response.count, xavier.response.median, xavier.volume.messages.admin]).toEqual([3, 1800, 4]);
    const high = (await stats({ priority: "high" })).body;
    expect([high.firstResponse.count, high.firstResponse.median, high.backlog.open]).toEqual([1, 320_400, 1]);
    const monday = (await stats({ from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z" })).body;
    expect([monday.response.count, monday.volume.created, monday.resolution.count]).toEqual([4, 2, 1]);
  });

  it("count replies and closings under a ticket's category and priority as they are now", async () => {
    expect((await request(t.app).put(`/api/messaging/conversations/${b}`).set(as(x)).send({ categoryId: category, priority: "normal" })).status).toBe(200);
    const { body } = await stats();
    expect(body.perCategory.map((row: { name: string | null; replies: number }) => [row.name, row.replies])).toEqual([["Facturation", 4], [null, 1]]);
    expect(body.perPriority.map((row: { priority: string; replies: number }) => [row.priority, row.replies])).toEqual([["normal", 5]]);
    expect((await request(t.app).put(`/api/messaging/conversations/${b}`).set(as(x)).send({ categoryId: null, priority: "high" })).status).toBe(200);
    expect((await stats()).body.perCategory.map((row: { replies: number }) => row.replies)).toEqual([3, 2]);
  });

  it("default to the last 30 days before the app's now", async () => {
    const res = await request(t.app).get("/api/stats").set(as(x));
    expect([res.body.from, res.body.to]).toEqual(["2026-02-08T10:00:00.000Z", "2026-03-10T10:00:00.000Z"]);
    expect(res.body.response.count).toBe(5);
  });

  it("give a timeseries per day (empty days included), in the time zone asked", async () => {
    const res = await request(t.app).get("/api/stats/timeseries").query({ from: "2026-03-02T00:00:00Z", to: "2026-03-04T00:00:00Z" }).set(as(x));
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { start: "2026-03-02T00:00:00.000Z", created: 2, closed: 2, reopened: 1, messagesProfessional: 5, messagesAdmin: 5, medianResponse: 2700, medianFirstResponse: 1800 },
      { start: "2026-03-03T00:00:00.000Z", created: 0, closed: 0, reopened: 0, messagesProfessional: 0, messagesAdmin: 0, medianResponse: null, medianFirstResponse: null },
    ]);
    const paris = await request(t.app).get("/api/stats/timeseries").query({ from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z", timeZone: "Europe/Paris" }).set(as(x));
    expect(paris.body.map((row: { start: string }) => row.start)).toEqual(["2026-03-01T23:00:00.000Z", "2026-03-02T23:00:00.000Z"]);
    const weeks = await request(t.app).get("/api/stats/timeseries").query({ ...MARCH, interval: "week" }).set(as(x));
    expect(weeks.body[0].start).toBe("2026-02-23T00:00:00.000Z");
    expect(weeks.body.reduce((sum: number, row: { created: number }) => sum + row.created, 0)).toBe(5);
  });

  it("are for admins only, and refuse a range that is not one", async () => {
    expect((await request(t.app).get("/api/stats").set(as(p1))).status).toBe(403);
    expect((await request(t.app).get("/api/stats/timeseries").set(as(p1))).status).toBe(403);
    const backwards = await stats({ from: "2026-03-10T00:00:00Z", to: "2026-03-01T00:00:00Z" });
    expect([backwards.status, backwards.body.errors]).toEqual([400, { from: "from must be before to" }]);
    expect((await stats({ from: "yesterday" })).status).toBe(400);
    expect((await stats({ priority: "soon" })).status).toBe(400);
    expect((await request(t.app).get("/api/stats/timeseries").query({ interval: "hour" }).set(as(x))).status).toBe(400);
    expect((await request(t.app).get("/api/stats/timeseries").query({ timeZone: "Mars/Olympus" }).set(as(x))).status).toBe(400);
  });
});

describe("satisfaction", () => {
  it("is rated by the owner only, once per closing, on a closed ticket, from 1 to 5", async () => {
    expect((await rate(p1, c, { score: 5 })).body.code).toBe("not_closed");
    expect((await rate(p2, a, { score: 5 })).status).toBe(404);
    expect((await rate(x, a, { score: 5 })).status).toBe(403);
    for (const score of [0, 6, 4.5, "5"]) expect((await rate(p1, a, { score })).status).toBe(400);
    // Closed again after the first rating: this closing may be rated; the admins' screens hear of it at once.
    const heard: unknown[] = [];
    const stop = t.events.subscribe((delivery) => delivery.kind === "event" && delivery.event.type === "conversation.updated" && heard.push(delivery.event));
    const rated = await rate(p1, a, { score: 4, comment: "  Merci !  " });
    stop();
    expect(heard).toEqual([expect.objectContaining({ conversationId: a, professionalId: p1.id, data: { rating: { score: 4, comment: "Merci !", ratedAt: "2026-03-10T10:00:00.000Z" } } })]);
    expect([rated.status, rated.body]).toEqual([201, { score: 4, comment: "Merci !", ratedAt: "2026-03-10T10:00:00.000Z" }]);
    const again = await rate(p1, a, { score: 5 });
    expect([again.status, again.body.code]).toEqual([409, "already_rated"]);
    const ticket = await request(t.app).get(`/api/messaging/conversations/${a}`).set(as(x));
    expect(ticket.body.rating).toEqual({ score: 4, comment: "Merci !", ratedAt: "2026-03-10T10:00:00.000Z" });
  });

  it("shows in the statistics: average, distribution and the share of closings rated", async () => {
    const { body } = await stats();
    expect(body.satisfaction).toEqual({ count: 2, average: 3, distribution: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 0 }, responseRate: 1 });
  });
});

describe("the migration's backfill", () => {
  it("rebuilds from the messages what the write path recorded (closings: the last one only)", async () => {
    const recorded = async () => ({
      replies: await t.prisma.reply.findMany({
        select: { messageId: true, adminId: true, categoryId: true, priority: true, waitingSince: true, repliedAt: true }, orderBy: { messageId: "asc" },
      }),
      openedBy: await t.prisma.conversation.findMany({ select: { id: true, openedBy: true }, orderBy: { id: "asc" } }),
      lastClosings: await t.prisma.conversation.findMany({ where: { status: "closed" }, select: { id: true, closedAt: true }, orderBy: { id: "asc" } }),
    });
    const before = await recorded();
    expect(before.replies).toHaveLength(5);
    await t.prisma.$executeRawUnsafe(`DELETE FROM "Reply"`);
    await t.prisma.$executeRawUnsafe(`DELETE FROM "StatusChange"`);
    await t.prisma.$executeRawUnsafe(`UPDATE "Conversation" SET "openedBy" = 'PROFESSIONAL'`);
    for (const statement of statsBackfillSql().split(/;\s*\n/).filter((sql) => sql.replace(/--.*$/gm, "").trim())) {
      await t.prisma.$executeRawUnsafe(statement);
    }
    expect(await recorded()).toEqual(before);
    const closings = await t.prisma.statusChange.findMany({ select: { conversationId: true, status: true, changedAt: true, categoryId: true } });
    expect(closings).toEqual(before.lastClosings.map(({ id, closedAt }) => ({ conversationId: id, status: "closed", changedAt: closedAt, categoryId: category })));
  });
});

describe("business time", () => {
  /** The plain definition, day by day (UTC, where the wall clock is the instant). */
  function walk(hours: BusinessHours, start: Date, end: Date) {
    const [oh, om] = hours.opens.split(":").map(Number);
    const [ch, cm] = hours.closes.split(":").map(Number);
    let total = 0;
    for (let day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()); day < end.getTime(); day += 86_400_000) {
      const date = new Date(day);
      const iso = ((date.getUTCDay() + 6) % 7) + 1;
      if (!hours.days.includes(iso) || hours.holidays.includes(date.toISOString().slice(0, 10))) continue;
      const open = day + (oh * 60 + om) * 60_000;
      const close = day + (ch * 60 + cm) * 60_000;
      total += Math.max(0, Math.min(close, end.getTime()) - Math.max(open, start.getTime())) / 1000;
    }
    return total;
  }

  const business = async (spec: string, start: string, end: string) => {
    const hours = parseBusinessHours(spec);
    if (typeof hours === "string") throw new Error(hours);
    const [{ seconds }] = await t.prisma.$queryRaw<{ seconds: number }[]>(Prisma.sql`SELECT b AS seconds FROM ${businessDurationsSql(
      hours, utcSql(new Date(start)), utcSql(new Date(end)), Prisma.sql`(SELECT 1) one`, { since: utcSql(new Date(start)), until: utcSql(new Date(end)) },
    )} durations`);
    return Number(seconds);
  };

  it("is the real time that passed while open, on the days the clocks change too", async () => {
    // Paris, 29 March 2026: 02:00 → 03:00. Open 00:00–23:59 every day, that day is 22 h 59 min long.
    expect(await business("Europe/Paris mon-sun 00:00-23:59", "2026-03-28T23:00:00Z", "2026-03-29T21:59:00Z")).toBe(22 * 3600 + 59 * 60);
    // 25 October 2026: 03:00 → 02:00, a day of 24 h 59 min; Friday 17:00 → Monday 10:00 in office hours is 2 h.
    expect(await business("Europe/Paris mon-sun 00:00-23:59", "2026-10-24T22:00:00Z", "2026-10-25T22:59:00Z")).toBe(24 * 3600 + 59 * 60);
    expect(await business("Europe/Paris mon-fri 09:00-18:00", "2026-10-23T15:00:00Z", "2026-10-26T09:00:00Z")).toBe(2 * 3600);
  });

  it("is the day-by-day overlap with the opening hours, whatever the span, days and holidays", async () => {
    const holidays = ["2026-01-01", "2026-01-07", "2026-02-14", "2026-03-01"];
    // Any instant of the quarter, or one on a holiday or next to one (where a mistake would show).
    const instant = fc.oneof(
      fc.date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2026-03-31T00:00:00Z"), noInvalidDate: true }),
      fc.tuple(fc.constantFrom(...holidays), fc.integer({ min: -86_400_000, max: 2 * 86_400_000 - 1 }))
        .map(([day, offset]) => new Date(Date.parse(`${day}T00:00:00Z`) + offset)),
    );
    await fc.assert(
      fc.asyncProperty(instant, instant, fc.constantFrom("mon-fri 09:00-18:00", "mon,wed,sat 08:30-12:15", "sun 00:00-23:59"), async (a, b, spec) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const hours = parseBusinessHours(`UTC ${spec}`, holidays.join(","));
        if (typeof hours === "string") throw new Error(hours);
        const [{ seconds }] = await t.prisma.$queryRaw<{ seconds: number }[]>(
          Prisma.sql`SELECT b AS seconds FROM ${businessDurationsSql(hours, utcSql(start), utcSql(end), Prisma.sql`(SELECT 1) one`, { since: utcSql(start), until: utcSql(end) })} durations`,
        );
        expect(Number(seconds)).toBeCloseTo(walk(hours, start, end), 3);
      }),
      { numRuns: 100 },
    );
  });
});
