import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { startTestApp, type TestApp } from "./harness.ts";

/** The conversations filter's `q`: French full-text search, accent-insensitive, the same on PGlite and PostgreSQL. */
let t: TestApp;
let admin: User, pro: User, otherPro: User;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await startTestApp();
  [admin, pro, otherPro] = await Promise.all([t.createAdmin(), t.createPro(), t.createPro()]);
  const open = async (user: User, key: string, subject: string, content: string) => {
    const res = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(user)).send({ subject, content });
    ids[key] = res.body.id;
  };
  await open(pro, "invoices", "Factures impayées de mars", "Bonjour, mes factures de mars apparaissent comme impayées.");
  await open(pro, "payment", "Question de paiement", "Le règlement a bien été effectué par virement bancaire.");
  await open(pro, "access", "Accès au compte", "Je n'arrive plus à me connecter depuis la mise à jour.");
  await open(otherPro, "foreign", "Facture de l'autre pro", "Une facture impayée qui n'est pas la sienne.");
  await request(t.app).post(`/api/messaging/conversations/${ids.access}/messages`).set("Authorization", t.bearer(admin))
    .send({ content: "Note : vérifier la facture dormante zeppelin", internal: true });
});
afterAll(() => t.close());

const search = async (user: User, q: string) => {
  const res = await request(t.app).get("/api/messaging/conversations").query({ filter: JSON.stringify({ q }) }).set("Authorization", t.bearer(user));
  expect(res.status, q).toBe(200);
  return (res.body as Array<{ id: number }>).map((row) => row.id).sort((a, b) => a - b);
};
const of = (...keys: string[]) => keys.map((key) => ids[key]).sort((a, b) => a - b);

describe("searching conversations", () => {
  it("finds French words whatever their form and accents, both ways", async () => {
    expect(await search(pro, "facture impayee")).toEqual(of("invoices"));
    expect(await search(pro, "factures impayées")).toEqual(of("invoices"));
    expect(await search(pro, "reglement")).toEqual(of("payment"));
    expect(await search(pro, "RÈGLEMENTS")).toEqual(of("payment"));
    expect(await search(pro, "connexion")).toEqual([]); // a different word, not a form of "connecter"
  });

  it("understands phrases, exclusions and OR, and takes the last word as a prefix", async () => {
    expect(await search(pro, '"par virement"')).toEqual(of("payment"));
    expect(await search(pro, '"virement bancaire"')).toEqual(of("payment"));
    expect(await search(pro, '"bancaire virement"')).toEqual([]); // a phrase keeps its order
    expect(await search(pro, "mars -impayées")).toEqual([]);
    expect(await search(pro, "virement OR connecter")).toEqual(of("payment", "access"));
    expect(await search(pro, "fact")).toEqual(of("invoices"));
    expect(await search(pro, "mise à j")).toEqual(of("access"));
  });

  it("looks only at what the searcher may see: a pro's own conversations, never notes; an admin's, notes too", async () => {
    expect(await search(pro, "facture")).toEqual(of("invoices"));
    expect(await search(otherPro, "facture")).toEqual(of("foreign"));
    expect(await search(pro, "zeppelin")).toEqual([]);
    expect(await search(admin, "zeppelin")).toEqual(of("access"));
    expect(await search(admin, "facture")).toEqual(of("invoices", "foreign", "access"));
  });

  it("says what matched, as plain-text segments, and puts subject matches first when no sort is asked", async () => {
    const scriptTicket = await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro))
      .send({ subject: "Remarque", content: "Un <script>alert(1)</script> dans mon virement ?" });
    const res = await request(t.app).get("/api/messaging/conversations").query({ filter: JSON.stringify({ q: "virement" }) }).set("Authorization", t.bearer(pro));
    const rows = res.body as Array<{ id: number; match: { messageId: number | null; snippet: Array<{ text: string; match: boolean }> } }>;
    const script = rows.find((row) => row.id === scriptTicket.body.id);
    expect(script?.match.messageId).toBe(scriptTicket.body.messages[0].id);
    // Segments are plain text (PostgreSQL's headline parser leaves tags out of the fragment; nothing is ever HTML).
    expect(script?.match.snippet.map((segment) => segment.text).join("")).toContain("dans mon virement");
    expect(script?.match.snippet.every((segment) => typeof segment.text === "string" && typeof segment.match === "boolean")).toBe(true);
    expect(script?.match.snippet.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(["virement"]);
    // By relevance: the ticket whose subject says "paiement" before one that only mentions it.
    await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(pro)).send({ subject: "Autre sujet", content: "Au fait, le paiement de la semaine ?" });
    const ranked = await request(t.app).get("/api/messaging/conversations").query({ filter: JSON.stringify({ q: "paiement" }) }).set("Authorization", t.bearer(pro));
    expect(ranked.body[0].id).toBe(ids.payment);
    expect(ranked.body[0].match).toEqual({ messageId: null, snippet: [{ text: "Question de ", match: false }, { text: "paiement", match: true }] });
    expect(ranked.body).toHaveLength(2);
    // A pro's match is never a note; an admin's may be.
    const adminView = await request(t.app).get("/api/messaging/conversations").query({ filter: JSON.stringify({ q: "zeppelin" }) }).set("Authorization", t.bearer(admin));
    expect(adminView.body[0].match.snippet.some((segment: { text: string; match: boolean }) => segment.match && segment.text === "zeppelin")).toBe(true);
    const proView = await request(t.app).get("/api/messaging/conversations").query({ filter: JSON.stringify({ q: "facture" }) }).set("Authorization", t.bearer(pro));
    expect(JSON.stringify(proView.body)).not.toContain("zeppelin");
  });

  it("searches messages themselves, scoped, each with its conversation and snippet", async () => {
    const found = async (user: User, q: string) =>
      (await request(t.app).get("/api/messaging/messages").query({ filter: JSON.stringify({ q }) }).set("Authorization", t.bearer(user))).body as Array<{
        conversationId: number;
        content: string;
        snippet: Array<{ text: string; match: boolean }>;
      }>;
    const mine = await found(pro, "impayees");
    expect(mine.map((message) => message.conversationId)).toEqual([ids.invoices]);
    expect(mine[0].snippet.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(["impayées"]);
    expect(await found(pro, "zeppelin")).toEqual([]);
    expect((await found(admin, "zeppelin")).map((message) => message.conversationId)).toEqual([ids.access]);
    expect((await found(admin, "impayee")).map((message) => message.conversationId).sort()).toEqual(of("invoices", "foreign"));
  });

  it("takes anything typed without an error", async () => {
    for (const q of ["'", '"', "&|!:*()", "-", "OR", "a:* | b", "\\", "é".repeat(200)]) await search(admin, q);
  });
});
