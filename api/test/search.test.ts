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
  await open(otherPro, "xylophone", "Xylophone désaccordé", "Il sonne faux depuis mardi.");
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
    // Segments are plain text, as written: a tag comes back as text (never dropped, never HTML).
    expect(script?.match.snippet.map((segment) => segment.text).join("")).toBe("Un <script>alert(1)</script> dans mon virement ?");
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

  it("corrects a typo in a subject's word, from subjects the searcher may see only, and says what it searched", async () => {
    const searched = async (user: User, q: string) => {
      const res = await request(t.app).get("/api/messaging/conversations").query({ filter: JSON.stringify({ q }) }).set("Authorization", t.bearer(user));
      return { ids: (res.body as Array<{ id: number }>).map((row) => row.id).sort((a, b) => a - b), corrected: res.headers["x-search-corrected"] };
    };
    // "facture" (closer) is only in another pro's subject: this pro is offered his own "factures".
    expect(await searched(pro, "factuers")).toEqual({ ids: of("invoices"), corrected: "factures" });
    expect(await searched(admin, "factuers")).toEqual({ ids: of("invoices", "foreign", "access"), corrected: "facture" });
    expect(await searched(admin, "facutre impayees")).toEqual({ ids: of("invoices", "foreign"), corrected: "facture%20impayees" });
    expect(await searched(admin, "xylophne")).toEqual({ ids: of("xylophone"), corrected: "xylophone" });
    // Another pro's subject is never offered, not even as a spelling.
    expect(await searched(pro, "xylophne")).toEqual({ ids: [], corrected: undefined });
    expect(await searched(otherPro, "xylophne")).toEqual({ ids: of("xylophone"), corrected: "xylophone" });
    // A word that exists is not "corrected" into another one, nor is a phrase.
    expect(await searched(admin, "facture xylophone")).toEqual({ ids: [], corrected: undefined });
    expect(await searched(admin, '"facutre"')).toEqual({ ids: [], corrected: undefined });
  });

  it("tells a pro nothing of other pros' subjects through its corrections, and corrects only typos", async () => {
    const [mine, theirs] = await Promise.all([t.createPro(), t.createPro()]);
    const open = async (user: User, subject: string) =>
      (await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(user)).send({ subject, content: "Bonjour" }).expect(201)).body.id as number;
    const canton = await open(mine, "Livraison du canton");
    await open(mine, "Règlement en attente");
    await open(theirs, "Livraison du carton");
    const searched = async (q: string) => {
      const res = await request(t.app).get("/api/messaging/conversations").query({ filter: JSON.stringify({ q }) }).set("Authorization", t.bearer(mine));
      return {
        ids: (res.body as Array<{ id: number }>).map((row) => row.id),
        corrected: res.headers["x-search-corrected"],
        suggested: res.headers["x-search-suggested"],
      };
    };
    // "carton" is in another pro's subject, "cantom" in nobody's: the pro is answered the same way for both.
    expect(await searched("carton")).toEqual({ ids: [canton], corrected: "canton", suggested: undefined });
    expect(await searched("cantom")).toEqual({ ids: [canton], corrected: "canton", suggested: undefined });
    // A word found nowhere is not turned into another that merely shares letters: nothing found, nothing listed,
    // the other word only offered ("Vouliez-vous dire…") — and never one of another pro's.
    expect(await searched("remboursement")).toEqual({ ids: [], corrected: undefined, suggested: "reglement" });
    expect(await searched("cartonnages")).toEqual({ ids: [], corrected: undefined, suggested: undefined });
  });

  it("`-mot` excludes a conversation whose subject holds the word, not only messages that do", async () => {
    const [owner, admin2] = await Promise.all([t.createPro(), t.createAdmin()]);
    const open = async (subject: string, content: string) =>
      (await request(t.app).post("/api/messaging/conversations").set("Authorization", t.bearer(owner)).send({ subject, content }).expect(201)).body.id as number;
    await open("Pénalité de retard", "la pénalité vient de la facture");
    const kept = await open("Question", "une pénalité sur la facture");
    for (const user of [owner, admin2]) {
      const res = await request(t.app).get("/api/messaging/conversations").query({ filter: JSON.stringify({ q: "pénalité -retard" }) }).set("Authorization", t.bearer(user));
      expect(res.body.map((row: { id: number }) => row.id)).toEqual([kept]);
    }
  });

  it("counts a common word's matches up to a bound, and pages through them by relevance either way", async () => {
    const crowd = await t.createPro();
    // 1,200 conversations whose first message says "abondance", and the 1,200th's subject too: past the bound, where
    // admins' search walks the conversations instead of reading the GIN index's list.
    await t.prisma.$executeRaw`
      WITH c AS (
        INSERT INTO "Conversation" (subject, "professionalId", "lastMessageAt", "updatedAt", "messageCount", "lastMessagePreview", "lastMessageSenderType")
        SELECT CASE WHEN i = 1200 THEN 'Abondance de biens' ELSE 'Volume ' || i END, ${crowd.id}, now() - i * interval '1 minute', now(), 1, 'abondance', 'PROFESSIONAL'
        FROM generate_series(1, 1200) i RETURNING id)
      INSERT INTO "Message" ("conversationId", "senderType", "senderId", content) SELECT id, 'PROFESSIONAL', ${crowd.id}, 'Une abondance de demandes' FROM c`;
    const page = (user: User, range: string) =>
      request(t.app).get("/api/messaging/conversations").query({ filter: JSON.stringify({ q: "abondance" }), range }).set("Authorization", t.bearer(user));
    const first = await page(admin, "[0,24]");
    expect(first.headers["content-range"]).toBe("conversations 0-24/1001");
    expect(first.headers["x-total-bound"]).toBe("1000");
    expect(first.body[0].subject).toBe("Abondance de biens"); // the subject match first, though it is the oldest
    expect(first.body[1].subject).toBe("Volume 1"); // then the latest activity
    const deep = await page(admin, "[1175,1199]");
    expect(deep.headers["content-range"]).toBe("conversations 1175-1199/1200");
    expect(deep.body.at(-1).subject).toBe("Volume 1199");
    // The owner walks his own conversations: the same order, the same bound.
    const mine = await page(crowd, "[0,1]");
    expect(mine.body.map((row: { subject: string }) => row.subject)).toEqual(["Abondance de biens", "Volume 1"]);
    expect(mine.headers["x-total-bound"]).toBe("1000");
    expect((await page(pro, "[0,24]")).headers["content-range"]).toBe("conversations */0");
    // Messages themselves: newest first, the same bound, for the admin (walking) and the owner (his conversations).
    for (const user of [admin, crowd]) {
      const messages = await request(t.app).get("/api/messaging/messages").query({ filter: JSON.stringify({ q: "abondance" }), range: "[0,2]" }).set("Authorization", t.bearer(user));
      expect(messages.headers["content-range"]).toBe("messages 0-2/1001");
      expect(messages.headers["x-total-bound"]).toBe("1000");
      const messageIds = messages.body.map((message: { id: number }) => message.id);
      expect(messageIds).toEqual([...messageIds].sort((a, b) => b - a));
    }
    const none = await request(t.app).get("/api/messaging/messages").query({ filter: JSON.stringify({ q: "abondance" }) }).set("Authorization", t.bearer(pro));
    expect([none.headers["content-range"], none.headers["x-total-bound"]]).toEqual(["messages */0", undefined]);
  });

  it("suggests the searcher's open conversations about a subject being typed, best first", async () => {
    const suggest = async (user: User, query: Record<string, string>) => {
      const res = await request(t.app).get("/api/search/suggestions").query(query).set("Authorization", t.bearer(user));
      expect(res.status).toBe(200);
      return (res.body as Array<{ id: number; match: { snippet: Array<{ text: string; match: boolean }> } }>);
    };
    const typed = await suggest(pro, { subject: "Encore un souci avec mes factures impay" });
    expect(typed.map((row) => row.id)).toEqual([ids.invoices]);
    expect(typed[0].match.snippet.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(["Factures", "impayées"]);
    expect((await suggest(pro, { subject: "Facture" })).map((row) => row.id)).toEqual([ids.invoices]); // not the other pro's
    expect((await suggest(otherPro, { subject: "Facture" })).map((row) => row.id)).toEqual([ids.foreign]);
    expect(await suggest(pro, { subject: "le la de" })).toEqual([]); // nothing but stop words
    expect(await suggest(pro, { subject: "" })).toEqual([]);
    // A closed conversation is not offered.
    await request(t.app).patch(`/api/messaging/conversations/${ids.invoices}/status`).set("Authorization", t.bearer(admin)).send({ status: "closed" });
    expect(await suggest(pro, { subject: "factures" })).toEqual([]);
    await request(t.app).patch(`/api/messaging/conversations/${ids.invoices}/status`).set("Authorization", t.bearer(admin)).send({ status: "open" });
    // An admin starting a conversation with a pro sees that pro's.
    expect((await suggest(admin, { subject: "facture", professionalId: String(otherPro.id) })).map((row) => row.id)).toEqual([ids.foreign]);
    expect(await suggest(admin, { subject: "facture" })).toEqual([]);
    const bad = await request(t.app).get("/api/search/suggestions").query({ subject: "x".repeat(201) }).set("Authorization", t.bearer(pro));
    expect(bad.status).toBe(400);
  });

  it("takes anything typed without an error", async () => {
    for (const q of ["'", '"', "&|!:*()", "-", "OR", "a:* | b", "\\", "é".repeat(200)]) {
      await search(admin, q);
      const res = await request(t.app).get("/api/search/suggestions").query({ subject: q }).set("Authorization", t.bearer(pro));
      expect(res.status, q).toBe(200);
    }
  });
});
