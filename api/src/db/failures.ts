import { Prisma } from "../generated/prisma/client.ts";

/**
 * What a database error means for the client, whichever layer raised it (Prisma, its driver adapter, pg or PGlite):
 * - `unavailable`: the database cannot serve now (down, pool exhausted, timeout, deadlock) — retry later, 503;
 * - `invalid`: the value sent cannot be stored or compared (SQLSTATE class 22) — 400;
 * - `conflict`: a constraint refused it (class 23) — 409;
 * - `null`: a bug of ours (a Prisma validation error among them: our code builds every query), a 500.
 */
export type Failure = "unavailable" | "invalid" | "conflict" | null;

const unavailableKinds = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError", "TransactionAlreadyClosed"]);
const invalidKinds = new Set(["ValueOutOfRange", "LengthMismatch", "InvalidInputValue"]);
// P1001 unreachable, P1002 timed out, P1008 operation timeout, P1017 connection closed, P2024 pool timeout,
// P2028 interactive transaction timed out or closed, P2034 write conflict or deadlock.
const unavailableCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2034"]);
// P2000 too long, P2006/P2007/P2009/P2012/P2019/P2020/P2023: values the database or Prisma could not take.
const invalidCodes = new Set(["P2000", "P2006", "P2007", "P2009", "P2012", "P2019", "P2020", "P2023", "P2033"]);
const unavailableMessages =
  /timeout exceeded when trying to connect|connection terminated|ECONNREFUSED|ECONNRESET|ETIMEDOUT|Can't reach database|Connection is not open|server closed the connection|the database system is (starting up|shutting down)|Transaction API error|terminating connection/i;

/** Every object in the chain: the error, its `cause`s, Prisma's `meta.driverAdapterError` and its cause. */
function* chain(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 6 || typeof error !== "object" || error === null) return;
  const node = error as Record<string, unknown>;
  yield node;
  const meta = node.meta as Record<string, unknown> | undefined;
  if (meta && typeof meta === "object") yield* chain(meta.driverAdapterError, depth + 1);
  yield* chain(node.cause, depth + 1);
}

const sqlStateClass = (code: unknown) => (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code.slice(0, 2) : null);

export function classifyDatabaseError(error: unknown): Failure {
  if (error instanceof Prisma.PrismaClientInitializationError) return "unavailable";
  for (const node of chain(error)) {
    const kind = node.kind;
    if (typeof kind === "string" && unavailableKinds.has(kind)) return "unavailable";
    if (typeof kind === "string" && invalidKinds.has(kind)) return "invalid";
    if (kind === "UniqueConstraintViolation") return "conflict";
    for (const code of [node.originalCode, node.code]) {
      if (typeof code !== "string") continue;
      if (unavailableCodes.has(code)) return "unavailable";
      if (invalidCodes.has(code)) return "invalid";
      if (code === "P2002" || code === "P2003" || code === "P2014") return "conflict";
      const sqlClass = sqlStateClass(code);
      // 08 connection, 40 serialization/deadlock, 53 resources, 55 lock not available, 57 cancelled/shut down.
      if (sqlClass && ["08", "40", "53", "55", "57"].includes(sqlClass)) return "unavailable";
      if (sqlClass === "22") return "invalid";
      if (sqlClass === "23") return "conflict";
    }
    if (typeof node.message === "string" && unavailableMessages.test(node.message)) return "unavailable";
  }
  return null;
}
