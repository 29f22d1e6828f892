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

  it("takes anything typed without an error", async () => {
    for (const q of ["'", '"', "&|!:*()", "-", "OR", "a:* | b", "\\", "é".repeat(200)]) await search(admin, q);
  });
});
