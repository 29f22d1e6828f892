import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { renderTemplate, templateProblem, TEMPLATE_VARIABLES } from "../src/templates/render.ts";
import * as clientTypes from "../../client/src/types.ts";
import { CONTENT_MAX, SUBJECT_MAX } from "../src/conversations/schemas.ts";
import { startTestApp, type TestApp } from "./harness.ts";

/** Réponses types: admins' templates with variables, filled for one ticket. */
let t: TestApp;
let admin: User, pro: User, braced: User;
let conversation: number, bracedConversation: number, category: number;

beforeAll(async () => {
  t = await startTestApp();
  [admin, pro, braced] = await Promise.all([
    t.createAdmin({ name: "Claire Dubois" }),
    t.createPro({ name: "Marie Curie", email: "marie.curie@test.local" }),
    t.createPro({ name: "{{admin.name}} }} {{" }),
  ]);
  category = (await request(t.app).post("/api/categories").set("Authorization", t.bearer(admin)).send({ name: "Facturation" })).body.id;
  conversation = (await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).send({ subject: "Ma facture", content: "Bonjour", categoryId: category })).body.id;
  bracedConversation = (await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(braced)).send({ subject: "{{pro.email}}", content: "Salut" })).body.id;
});
afterAll(() => t.close());

const asAdmin = () => ({ Authorization: t.bearer(admin) });

describe("templates", () => {
  it("are described to both apps as the API fills them (client/src/types.ts keeps the same lists and limits)", () => {
    expect([...clientTypes.TEMPLATE_VARIABLES]).toEqual([...TEMPLATE_VARIABLES]);
    expect([clientTypes.SUBJECT_MAX, clientTypes.CONTENT_MAX]).toEqual([SUBJECT_MAX, CONTENT_MAX]);
  });

  it("fill every variable from the ticket, and a value is never read as a variable", () => {
    const values = Object.fromEntries(TEMPLATE_VARIABLES.map((name) => [name, `<${name}>`])) as Record<(typeof TEMPLATE_VARIABLES)[number], string>;
    expect(renderTemplate(TEMPLATE_VARIABLES.map((name) => `{{${name}}}`).join("|"), values)).toBe(TEMPLATE_VARIABLES.map((name) => `<${name}>`).join("|"));
    expect(renderTemplate("{{ pro.name }}!", { ...values, "pro.name": "{{admin.name}}" })).toBe("{{admin.name}}!");
    expect(templateProblem("Bonjour {{pro.nom}}")).toMatch(/Unknown variable \{\{pro\.nom\}\}/);
    expect(templateProblem("Bonjour {{pro.name")).toMatch(/braces/);
    expect(templateProblem("Bonjour pro.name}}")).toMatch(/braces/);
    expect(templateProblem("Un { seul } et {{pro.firstName}}")).toBeNull();
  });

  it("are created, listed, changed and deleted by admins, with their errors named", async () => {
    const created = await request(t.app).post("/api/templates").set(asAdmin())
      .send({ name: "Accusé de réception", content: "Bonjour {{pro.firstName}}, bien reçu.", shortcut: "Recu", categoryId: category });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Accusé de réception", shortcut: "recu", categoryId: category, usageCount: 0, lastUsedAt: null });
    const unknown = await request(t.app).post("/api/templates").set(asAdmin()).send({ name: "X", content: "{{conversation.title}}" });
    expect([unknown.status, unknown.body.errors?.content]).toEqual([400, expect.stringContaining("{{conversation.title}}")]);
    const broken = await request(t.app).put(`/api/templates/${created.body.id}`).set(asAdmin()).send({ content: "Bonjour {{pro.name" });
    expect([broken.status, broken.body.errors?.content]).toEqual([400, expect.stringContaining("braces")]);
    const taken = await request(t.app).post("/api/templates").set(asAdmin()).send({ name: "Autre", content: "x", shortcut: "recu" });
    expect(taken.status).toBe(409);
    const noCategory = await request(t.app).post("/api/templates").set(asAdmin()).send({ name: "Autre", content: "x", categoryId: 999_999 });
    expect([noCategory.status, noCategory.body.errors?.categoryId]).toEqual([400, "No category with this id"]);

    const list = await request(t.app).get("/api/templates").query({ filter: JSON.stringify({ q: "accusé" }) }).set(asAdmin());
    expect([list.headers["content-range"], list.body.map((row: { id: number }) => row.id)]).toEqual(["templates 0-0/1", [created.body.id]]);
    const renamed = await request(t.app).put(`/api/templates/${created.body.id}`).set(asAdmin()).send({ ...created.body, name: "Bien reçu", usageCount: 99 });
    expect(renamed.body).toMatchObject({ name: "Bien reçu", usageCount: 0 });
    const deleted = await request(t.app).delete(`/api/templates/${created.body.id}`).set(asAdmin());
    expect(deleted.body.id).toBe(created.body.id);
    expect((await request(t.app).get(`/api/templates/${created.body.id}`).set(asAdmin())).status).toBe(404);
  });

  it("parse in linear time: '{{' and 9,990 spaces answer 400 at once (a backtracking pattern froze the API for minutes)", async () => {
    const text = `{{${" ".repeat(9990)}`;
    expect(templateProblem(text)).toMatch(/braces/);
    expect(templateProblem(`{{${" ".repeat(5000)}pro.name${" ".repeat(5000)}}}`)).toBeNull();
    const res = await request(t.app).post("/api/templates").set(asAdmin()).send({ name: "Lent", content: text });
    expect([res.status, res.body.errors?.content]).toEqual([400, expect.stringContaining("braces")]);
    const closed = await request(t.app).post("/api/templates").set(asAdmin()).send({ name: "Lent", content: `${text}}}` });
    expect([closed.status, closed.body.errors?.content]).toEqual([400, expect.stringContaining("Unknown variable")]);
  });

  it("render for a ticket with the admin's and the pro's names, count a use, and refuse pros", async () => {
    const template = (await request(t.app).post("/api/templates").set(asAdmin()).send({
      name: "Tout",
      content: "{{pro.name}}/{{pro.firstName}}/{{pro.email}}/{{admin.name}}/{{admin.firstName}}/#{{conversation.id}} {{conversation.subject}}/{{category.name}}",
    })).body;
    const rendered = await request(t.app).post(`/api/templates/${template.id}/render`).set(asAdmin()).send({ conversationId: conversation });
    expect(rendered.body).toEqual({ content: `Marie Curie/Marie/marie.curie@test.local/Claire Dubois/Claire/#${conversation} Ma facture/Facturation` });
    const odd = await request(t.app).post(`/api/templates/${template.id}/render`).set(asAdmin()).send({ conversationId: bracedConversation });
    expect(odd.body.content).toBe(`{{admin.name}} }} {{/{{admin.name}}/${braced.email}/Claire Dubois/Claire/#${bracedConversation} {{pro.email}}/`);
    const used = (await request(t.app).get(`/api/templates/${template.id}`).set(asAdmin())).body;
    expect(used.usageCount).toBe(2);
    expect(Date.parse(used.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await request(t.app).post(`/api/templates/${template.id}/render`).set(asAdmin()).send({ conversationId: 999_999 })).status).toBe(404);
    await request(t.app).post("/api/templates").set(asAdmin()).send({ name: "Jamais servi", content: "x" });
    for (const order of ["DESC", "ASC"]) {
      const byUse = await request(t.app).get("/api/templates").query({ sort: JSON.stringify(["lastUsedAt", order]) }).set(asAdmin());
      expect(byUse.body.at(order === "DESC" ? 0 : -2).id, order).toBe(template.id); // never used: last either way
      expect(byUse.body.at(-1).name).toBe("Jamais servi");
    }

    for (const call of [
      request(t.app).get("/api/templates"),
      request(t.app).post("/api/templates").send({ name: "Pirate", content: "x" }),
      request(t.app).post(`/api/templates/${template.id}/render`).send({ conversationId: conversation }),
    ]) expect((await call.set("Authorization", t.bearer(pro))).status).toBe(403);
  });
});
