import { parse } from "csv-parse/sync";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { startTestApp, type TestApp } from "./harness.ts";

let t: TestApp;
let admin: User, pro: User, other: User;

beforeAll(async () => {
  t = await startTestApp();
  [admin, pro, other] = await Promise.all([t.createAdmin(), t.createPro({ name: "Élodie Crème" }), t.createPro()]);
});
afterAll(() => t.close());

const exportCsv = (user: User, params: Record<string, unknown> = {}) =>
  request(t.app)
    .get("/api/messaging/conversations/export.csv")
    .query(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, JSON.stringify(v)])))
    .set("Authorization", t.bearer(user))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => done(null, Buffer.concat(chunks)));
    });

const rowsOf = (body: Buffer) => parse(body.toString("utf8"), { bom: true, columns: true }) as Record<string, string>[];

async function ticket(user: User, subject: string, content = "Bonjour") {
  const res = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(user)).send({ subject, content });
  return res.body as { id: number };
}

describe("GET /api/messaging/conversations/export.csv", () => {
  it("streams UTF-8 with a BOM, the expected columns, and respects the filter and sort", async () => {
    const open1 = await ticket(pro, "Accentué : été");
    const closed = await ticket(pro, "Fermé");
    await request(t.app).patch(`/api/messaging/conversations/${closed.id}/status`).set("Authorization", t.bearer(admin)).send({ status: "closed" });
    await ticket(other, "Autre pro");

    const res = await exportCsv(admin, { filter: { professionalId: pro.id, status: "open" }, sort: ["id", "ASC"] });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="conversations-.*\.csv"/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = rowsOf(body);
    expect(Object.keys(rows[0])).toEqual([
      "id", "subject", "professional_name", "professional_email", "status", "created_at", "last_activity_at", "message_count", "unread",
      "category", "priority", "assignee", "waiting_on", "waiting_since", "first_response_seconds", "resolution_seconds", "satisfaction", "attachments",
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        id: String(open1.id), subject: "Accentué : été", professional_name: "Élodie Crème", status: "open", message_count: "1", unread: "1",
        first_response_seconds: "", resolution_seconds: "", satisfaction: "",
      }),
    ]);
  });

  it("gives the first response and resolution in seconds, and the pro's rating", async () => {
    const rated = await ticket(pro, "Noté");
    const start = new Date("2026-01-15T09:00:00Z");
    await t.prisma.conversation.update({
      where: { id: rated.id },
      data: { createdAt: start, firstAdminReplyAt: new Date("2026-01-15T09:20:00Z"), status: "closed", closedAt: new Date("2026-01-15T11:00:00Z"), ratingScore: 4, ratedAt: new Date() },
    });
    const [row] = rowsOf((await exportCsv(admin, { filter: { id: [rated.id] } })).body);
    expect([row.first_response_seconds, row.resolution_seconds, row.satisfaction]).toEqual(["1200", "7200", "4"]);
  });

  it("speaks French Excel with format=excel-fr: semicolons, French headers and values, dates in Paris time", async () => {
    const winter = await ticket(pro, "Facture; « hiver »");
    // 15 January 2026, 09:30 UTC: 10:30 in Paris (UTC+1).
    await t.prisma.conversation.update({ where: { id: winter.id }, data: { createdAt: new Date("2026-01-15T09:30:00Z"), priority: "urgent" } });
    const res = await request(t.app).get("/api/messaging/conversations/export.csv")
      .query({ format: "excel-fr", filter: JSON.stringify({ id: [winter.id] }) })
      .set("Authorization", t.bearer(admin)).buffer(true).parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/excel-fr\.csv"/);
    const rows = parse((res.body as Buffer).toString("utf8"), { bom: true, columns: true, delimiter: ";" }) as Record<string, string>[];
    expect(rows).toEqual([
      expect.objectContaining({
        "N°": String(winter.id), Sujet: "Facture; « hiver »", Professionnel: "Élodie Crème", Statut: "Ouvert",
        "Créé le": "15/01/2026 10:30", Priorité: "Urgente", "En attente de": "Administration",
      }),
    ]);
    const bad = await request(t.app).get("/api/messaging/conversations/export.csv").query({ format: "xlsx" }).set("Authorization", t.bearer(admin));
    expect([bad.status, bad.body.fields?.format]).toEqual([400, "invalid_value"]);
  });

  it("neutralises cells that a spreadsheet would run as formulas", async () => {
    const evil = await t.createPro({ name: "@SUM(1+1)" });
    const subjects = ["=HYPERLINK(\"http://x\")", "+33 6 12", "-2+3", "@cmd", "\tTab", "\rReturn", "Normal - fine"];
    // Written directly: the API trims subjects, but data may come from elsewhere (imports, the host platform).
    await t.prisma.conversation.createMany({
      data: subjects.map((subject) => ({ subject, professionalId: evil.id, lastMessageAt: new Date(), lastMessagePreview: "-1", lastMessageSenderType: "PROFESSIONAL" as const })),
    });
    const rows = rowsOf((await exportCsv(admin, { filter: { professionalId: evil.id }, sort: ["id", "ASC"] })).body);
    expect(rows.map((row) => row.subject)).toEqual([...subjects.slice(0, 6).map((s) => `'${s}`), "Normal - fine"]);
    expect(rows.every((row) => row.professional_name === "'@SUM(1+1)")).toBe(true);
  });

  it("is for admins only", async () => {
    const res = await exportCsv(pro);
    expect(res.status).toBe(403);
    expect((await request(t.app).get("/api/messaging/conversations/export.csv")).status).toBe(401);
  });

  it("refuses a bad filter with 400 JSON", async () => {
    const res = await request(t.app)
      .get("/api/messaging/conversations/export.csv")
      .query({ filter: "{oops" })
      .set("Authorization", t.bearer(admin));
    expect(res.status).toBe(400);
    expect(res.body.message).toBeTruthy();
  });

  it("exports every row of a large list, not one page", async () => {
    const bulk = await t.createPro();
    const now = new Date();
    const count = 10_000;
    await t.prisma.conversation.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        subject: `Ticket ${i}`,
        professionalId: bulk.id,
        lastMessageAt: new Date(now.getTime() - i * 1000),
        lastMessagePreview: "…",
        lastMessageSenderType: "PROFESSIONAL" as const,
        messageCount: 1,
        unreadByAdmin: 1,
      })),
    });
    const rows = rowsOf((await exportCsv(admin, { filter: { professionalId: bulk.id } })).body);
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((row) => row.id)).size).toBe(count);
    expect(rows[0].subject).toBe("Ticket 0"); // default order: last activity, newest first
  });
});
