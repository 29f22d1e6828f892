/**
 * npm run bench:search — the conversations filter's `q` on the bench:data dataset (DATABASE_URL, PostgreSQL): 30
 * queries (common and rare words, two words, a phrase, without accents, prefixes, typos, an exclusion, OR, a word found
 * nowhere), each run serially
 * 20 times as an admin and as the pro with 2,000 conversations (p50/p99), then list-with-q throughput as a ratio of
 * the list without q, measured back to back (autocannon, 50 connections, different pages so that no two requests
 * share a query), and 50 users at once each searching a rare word (a conversation's number) — what drained the pool
 * when one plan went bad: every answer's status is counted.
 */
import autocannon from "autocannon";
import pg from "pg";
import { signToken } from "../src/auth/tokens.ts";
import { BENCH_SECRET, percentile, startApi } from "./processes.ts";

const url = process.env.DATABASE_URL ?? "";
if (!url) throw new Error("bench:search needs DATABASE_URL with the bench:data dataset");
const runs = Number(process.env.BENCH_RUNS ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);

const QUERIES = [
  "facture", "factures", "facture mois", "ma facture du mois dernier", '"mois dernier"', "reglement", "règlement effectué",
  "virement", "connecter", "accès", "acces", "tableau de bord", "erreur", "coordonnées", "coordonnees", "adresse facturation",
  "41601", "numéro de contrat", "fact", "facutre", "reglemnt", "connex", "facture -mois", "virement OR contrat", "devis",
  "suppression compte", "export comptable", "retour rapide", "corrigé problème", "xylophone",
];
const MESSAGE_QUERIES = ["facture", "ma facture du mois dernier", '"mois dernier"', "acces", "fact", "41601", "devis", "xylophone"];

async function main() {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { rows: [admin] } = await db.query(`SELECT id FROM "User" WHERE role = 'ADMIN' ORDER BY id LIMIT 1`);
  const { rows: [heavy] } = await db.query(`SELECT "professionalId" AS id, count(*)::int AS n FROM "Conversation" GROUP BY 1 ORDER BY 2 DESC LIMIT 1`);
  const { rows: crowd } = await db.query<{ id: number; role: "ADMIN" | "PROFESSIONAL" }>(
    `(SELECT id, role FROM "User" WHERE role = 'ADMIN' ORDER BY id LIMIT 10) UNION ALL (SELECT id, role FROM "User" WHERE role = 'PROFESSIONAL' ORDER BY id LIMIT 45)`);
  const { rows: [{ max: conversationCount }] } = await db.query(`SELECT max(id)::int AS max FROM "Conversation"`);
  await db.end();
  const token = (id: number, role: "ADMIN" | "PROFESSIONAL") => `Bearer ${signToken({ id, role }, { jwtSecret: BENCH_SECRET, jwtExpiresIn: "2h" })}`;
  const who = { admin: token(admin.id, "ADMIN"), pro: token(heavy.id, "PROFESSIONAL") };

  const api = await startApi(url);
  const list = (q: string | null, page = 0) =>
    `${api.base}/api/messaging/conversations?range=${encodeURIComponent(`[${page * 25},${page * 25 + 24}]`)}` +
    (q ? `&filter=${encodeURIComponent(JSON.stringify({ q }))}` : "");
  const messages = (q: string, page = 0) =>
    `${api.base}/api/messaging/messages?range=${encodeURIComponent(`[${page * 25},${page * 25 + 24}]`)}&filter=${encodeURIComponent(JSON.stringify({ q }))}`;
  try {
    const describe = (res: Response, length: number) =>
      (res.headers.has("x-search-corrected") ? `(as \`${decodeURIComponent(res.headers.get("x-search-corrected") ?? "")}\`) ` : "") +
      (res.headers.has("x-total-bound") ? `> ${Number(res.headers.get("x-total-bound")).toLocaleString("en")}` : Number(res.headers.get("content-range")?.split("/")[1] ?? length).toLocaleString("en"));
    /** One row per query: serial p50/p99 as an admin and as the pro; answers the worst p99. */
    const table = async (queries: string[], urlOf: (q: string, page: number) => string, rowsLabel: string) => {
      console.log(`| query | admin p50 ms | admin p99 ms | pro p50 ms | pro p99 ms | admin ${rowsLabel} |`);
      console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
      let worst = 0;
      // Warm-up, not measured: the API's and PostgreSQL's first requests (connections, plans, caches).
      for (const q of queries) for (const auth of Object.values(who)) await fetch(urlOf(q, 0), { headers: { Authorization: auth } });
      for (const q of queries) {
        const cells: string[] = [];
        let rows = "";
        for (const [name, auth] of Object.entries(who)) {
          const times: number[] = [];
          for (let i = 0; i < runs; i++) {
            // A different page each run: nothing answered from a query another request started.
            const started = performance.now();
            const res = await fetch(urlOf(q, i % 4), { headers: { Authorization: auth } });
            const body = (await res.json()) as unknown[];
            times.push(performance.now() - started);
            if (res.status !== 200) throw new Error(`${q}: ${res.status}`);
            if (name === "admin" && i === 0) rows = describe(res, body.length);
          }
          times.sort((a, b) => a - b);
          worst = Math.max(worst, percentile(times, 99));
          cells.push(percentile(times, 50).toFixed(1), percentile(times, 99).toFixed(1));
        }
        console.log(`| \`${q}\` | ${cells.join(" | ")} | ${rows} |`);
      }
      return worst;
    };

    console.log(`bench:search — ${QUERIES.length} queries × ${runs} serial runs, as an admin and as a pro with ${heavy.n} conversations\n`);
    const worstList = await table(QUERIES, list, "conversations");
    console.log(`\nGET /messages?filter={q} (messages themselves, newest first), ${MESSAGE_QUERIES.length} of the queries:\n`);
    const worstMessages = await table(MESSAGE_QUERIES, messages, "messages");
    const worst = Math.max(worstList, worstMessages);
    console.log(`\nworst p99: ${worst.toFixed(1)} ms (target < 100 ms) — ${worst < 100 ? "ok" : "MISSED"}`);

    // 50 people at once (10 admins, 40 pros), each on his own pages: one user's 50 searches at once would be his
    // per-user limit's 429s, not a list's speed. Only answers of 2xx count.
    const users = crowd.slice(0, 50).map((user) => token(user.id, user.role));
    const load = async (q: string | null) => {
      let next = 0;
      const result = await autocannon({
        url: api.base,
        connections: users.length,
        duration: seconds,
        requests: [{
          method: "GET",
          setupRequest: (request) => {
            const n = next++;
            const target = new URL(list(q, n % 40));
            return { ...request, path: target.pathname + target.search, headers: { ...request.headers, Authorization: users[n % users.length] } };
          },
        }],
      });
      return { rps: (result.requests.total - result.non2xx) / seconds, refused: result.errors + result.non2xx };
    };
    const without = await load(null);
    const withQ = await load("facture");
    const ratio = withQ.rps / without.rps;
    console.log(`list, ${users.length} users at once: without q ${without.rps.toFixed(0)} answers/s (not 2xx: ${without.refused}); with q=facture ${withQ.rps.toFixed(0)} answers/s (not 2xx: ${withQ.refused}); ratio ${ratio.toFixed(2)} (target ≥ 0.3) — ${ratio >= 0.3 && withQ.refused === 0 ? "ok" : "MISSED"}`);

    // 50 people at once, each his own rare word: a conversation's number, found in that thread's messages only.
    const statuses = new Map<number, number>();
    let turn = 0;
    const rare = await autocannon({
      url: api.base,
      connections: users.length,
      duration: seconds,
      requests: [{
        method: "GET",
        setupRequest: (request) => {
          const n = turn++;
          const q = String(1 + ((n * 7919) % conversationCount));
          const target = new URL(list(q, 0));
          return { ...request, path: target.pathname + target.search, headers: { ...request.headers, Authorization: users[n % users.length] } };
        },
        onResponse: (status) => void statuses.set(status, (statuses.get(status) ?? 0) + 1),
      }],
    });
    const answered = [...statuses.values()].reduce((sum, count) => sum + count, 0);
    const failed = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
    console.log(`rare words, ${users.length} users at once: ${answered} answered in ${seconds} s (${rare.requests.average.toFixed(0)} req/s, p99 ${rare.latency.p99} ms): ` +
      `${[...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${count} × ${status}`).join(", ")} — ${failed === 0 ? "ok" : "MISSED"} (target: no 5xx)`);
  } finally {
    await api.stop();
  }
}

await main();
process.exit(0);
