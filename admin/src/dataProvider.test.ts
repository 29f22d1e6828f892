import { afterEach, describe, expect, it, vi } from "vitest";
import { createDataProvider } from "./dataProvider";

/** The conversations' getList reads what a search answers in headers; the request is the stock provider's. */
const answer = (body: unknown, headers: Record<string, string>) => {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json", ...headers } }));
  vi.stubGlobal("fetch", fetchMock);
  return () => new URL(String((fetchMock.mock.calls[0] as unknown[])[0]), "http://console.test");
};
const rows = (n: number) => Array.from({ length: n }, (_, index) => ({ id: index + 1 }));
const params = (filter: object, sort = { field: "lastMessageAt", order: "DESC" as const }) => ({ filter, sort, pagination: { page: 2, perPage: 25 } });

afterEach(() => vi.unstubAllGlobals());

describe("conversations getList", () => {
  it("pages with an exact total, sending the sort and range as ra-data-simple-rest does", async () => {
    const requested = answer(rows(25), { "Content-Range": "conversations 25-49/60" });
    const result = await createDataProvider("/api").getList("conversations", params({ status: "open" }));
    expect(result).toMatchObject({ total: 60, meta: undefined });
    expect(Object.fromEntries(requested().searchParams)).toEqual({ filter: '{"status":"open"}', range: "[25,49]", sort: '["lastMessageAt","DESC"]' });
  });

  it("lets a search come by relevance, shows a bounded total as partial pagination, and passes the correction on", async () => {
    const requested = answer(rows(25), { "Content-Range": "conversations 25-49/1001", "X-Total-Bound": "1000", "X-Search-Corrected": encodeURIComponent("facture impayée") });
    const result = await createDataProvider("/api").getList("conversations", params({ q: "facutre impayée" }));
    expect(result.total).toBeUndefined();
    expect(result.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: true });
    expect(result.meta).toEqual({ corrected: "facture impayée" });
    expect(requested().searchParams.has("sort")).toBe(false);
  });

  it("passes on the close word a search that found nothing offers", async () => {
    answer([], { "Content-Range": "conversations */0", "X-Search-Suggested": encodeURIComponent("règlement") });
    const result = await createDataProvider("/api").getList("conversations", params({ q: "remboursement" }));
    expect(result).toMatchObject({ total: 0, meta: { suggested: "règlement" } });
  });

  it("keeps a sort the admin chose during a search", async () => {
    const requested = answer(rows(3), { "Content-Range": "conversations 25-27/28" });
    await createDataProvider("/api").getList("conversations", params({ q: "facture" }, { field: "waitingSince", order: "ASC" as never }));
    expect(requested().searchParams.get("sort")).toBe('["waitingSince","ASC"]');
  });
});
