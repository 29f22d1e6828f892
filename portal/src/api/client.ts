import { EVENTS_PATH, openEventStream, type EventStreamOptions } from "@messagerie/client/events";
import type { AttachmentLimits, Preferences, Category, Conversation, ConversationDetail, ConversationStatus, Message, Rating, Session } from "@messagerie/client/types";
import { messageForm, postForm } from "@messagerie/client/attachments";

/** Files to send with a message, and who hears how far the upload is (0…1). */
export interface FileOptions {
  files?: File[];
  onProgress?: (fraction: number) => void;
}

/** The seed's list filters: `?status=` and `?unreadOnly=true`. */
export interface ConversationFilter {
  status?: ConversationStatus;
  unreadOnly?: boolean;
  /** A search over his conversations (French full text, accents ignored). */
  q?: string;
}

export interface NewConversation {
  subject: string;
  content: string;
  categoryId?: number;
}

/** A refusal from the API: its JSON `message`, and per-field `errors` on validation failures. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: Record<string, string> = {},
    /** The messages written since the sender's last look, on a stale reply's 409. */
    readonly newMessages: Message[] = [],
    /** The API's stable code (`invalid_credentials`, `validation`…), which the UI translates. */
    readonly code: string = "internal",
    /** Per field, what is wrong, as a code (`required`, `too_long`…). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type ErrorBody = { code?: unknown; message?: unknown; errors?: unknown; fields?: unknown; newMessages?: unknown };

const textsOf = (value: unknown): Record<string, string> =>
  typeof value === "object" && value !== null
    ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"))
    : {};

async function errorFrom(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy's error page, say): the status text is all there is.
  }
  const message = typeof body.message === "string" ? body.message : response.statusText || `HTTP ${response.status}`;
  const code = typeof body.code === "string" ? body.code : response.status >= 500 ? "unavailable" : "internal";
  return new ApiError(response.status, message, textsOf(body.errors), Array.isArray(body.newMessages) ? (body.newMessages as Message[]) : [], code, textsOf(body.fields));
}

type Method = "GET" | "POST" | "PATCH" | "PUT";

async function send<T>(url: string, method: Method, headers: Record<string, string>, body?: unknown, read = (response: Response) => response.json() as Promise<T>): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { Accept: "application/json", ...(body !== undefined && { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await errorFrom(response);
  return read(response);
}

/** The first rows of the list, how many there are, and (a search that found nothing as typed) what was searched instead. */
export interface ConversationPage {
  rows: Conversation[];
  /** All the matching conversations; with `bounded`, at least this many (a search counts up to a bound). */
  total: number;
  bounded?: boolean;
  corrected?: string;
  /** A search that found nothing: a close word that would find something, offered, not run. */
  suggested?: string;
}

async function readPage(response: Response): Promise<ConversationPage> {
  const corrected = response.headers.get("X-Search-Corrected");
  const suggested = response.headers.get("X-Search-Suggested");
  const rows = (await response.json()) as Conversation[];
  const total = Number(response.headers.get("Content-Range")?.split("/").pop() ?? rows.length);
  return {
    rows,
    total: Number.isFinite(total) ? total : rows.length,
    ...(response.headers.has("X-Total-Bound") && { bounded: true }),
    ...(corrected && { corrected: decodeURIComponent(corrected) }),
    ...(suggested && { suggested: decodeURIComponent(suggested) }),
  };
}

/** The API's largest page: a longer list is read in several. */
const MAX_PAGE = 1000;

export const login = (email: string, password: string, baseUrl = ""): Promise<Session> =>
  send<Session>(`${baseUrl}/api/auth/login`, "POST", {}, { email, password });

export interface ApiClientOptions {
  token: string;
  /** Called on any 401 (expired or revoked token, deactivated account: `code` says which) before the call rejects. */
  onUnauthorized?: (code?: string) => void;
  /** Where the API lives when the portal is embedded elsewhere; same origin by default. */
  baseUrl?: string;
}

export function filterQuery({ status, unreadOnly, q }: ConversationFilter, range?: [number, number]): string {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (unreadOnly) params.set("unreadOnly", "true");
  if (q?.trim()) params.set("filter", JSON.stringify({ q: q.trim() }));
  if (range) params.set("range", JSON.stringify(range));
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** A send's `Idempotency-Key`: the same one when the same submission is retried after a network failure. */
export interface SendOptions {
  idempotencyKey?: string;
}
const keyHeader = (key?: string): Record<string, string> => (key ? { "Idempotency-Key": key } : {});

/** Whose token this is (its `sub`, read, not verified: it only names where drafts are kept); "0" when unreadable. */
export function tokenSubject(token: string): string {
  try {
    const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))) as { sub?: unknown };
    return typeof payload.sub === "string" || typeof payload.sub === "number" ? String(payload.sub) : "0";
  } catch {
    return "0";
  }
}

/** The messaging routes a pro uses, with his Bearer token. */
export function createApiClient({ token, onUnauthorized, baseUrl = "" }: ApiClientOptions) {
  /**
   * Who is signed in, asked to learn why a token was refused when the refusal could not say (a stream's refusal, a body
   * cut off as the page is left): its own 401 gives the code (expired, deactivated).
   */
  const askWhy = () =>
    void send(`${baseUrl}/api/auth/me`, "GET", { Authorization: `Bearer ${token}` }).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 401) onUnauthorized?.(error.code === "internal" ? undefined : error.code);
    });
  // "internal" is errorFrom's word for a body it could not read.
  const refused = (code: string) => (code === "internal" ? askWhy() : onUnauthorized?.(code));
  /** A message with files: a multipart form, its upload's progress reported. */
  const upload = async <T>(path: string, fields: Record<string, string | number | undefined>, files: File[], headers: Record<string, string>, onProgress?: (fraction: number) => void): Promise<T> => {
    const answer = await postForm(`${baseUrl}/api${path}`, messageForm(fields, files), { Authorization: `Bearer ${token}`, ...headers }, onProgress);
    if (answer.ok) return answer.body as T;
    const error = await errorFrom(new Response(JSON.stringify(answer.body ?? {}), { status: answer.status }));
    if (error.status === 401) refused(error.code);
    throw error;
  };
  const call = async <T>(method: Method, path: string, body?: unknown, read?: (response: Response) => Promise<T>, headers: Record<string, string> = {}): Promise<T> => {
    try {
      return await send<T>(`${baseUrl}/api${path}`, method, { Authorization: `Bearer ${token}`, ...headers }, body, read);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) refused(error.code);
      throw error;
    }
  };
  const conversation = (id: number) => `/messaging/conversations/${encodeURIComponent(id)}`;

  return {
    /** The signed-in pro, as drafts are filed (per user and conversation). */
    userKey: tokenSubject(token),
    /** The first `limit` conversations of the filter (newest activity first, or by relevance for a search). */
    async listConversations(filter: ConversationFilter = {}, limit = 50): Promise<ConversationPage> {
      const starts = Array.from({ length: Math.ceil(limit / MAX_PAGE) }, (_, index) => index * MAX_PAGE);
      const pages = await Promise.all(
        starts.map((start) =>
          call<ConversationPage>("GET", `/messaging/conversations${filterQuery(filter, [start, Math.min(start + MAX_PAGE, limit) - 1])}`, undefined, readPage),
        ),
      );
      return { ...pages[0], rows: pages.flatMap((page) => page.rows) };
    },
    /** His open conversations about a subject being typed, best first (at most 3). */
    suggestConversations: (subject: string) =>
      call<Conversation[]>("GET", `/search/suggestions?${new URLSearchParams({ subject })}`),
    getConversation: (id: number) => call<ConversationDetail>("GET", conversation(id)),
    createConversation: (input: NewConversation, { idempotencyKey, files = [], onProgress }: SendOptions & FileOptions = {}) =>
      files.length > 0
        ? upload<ConversationDetail>("/messaging/conversations", { ...input }, files, keyHeader(idempotencyKey), onProgress)
        : call<ConversationDetail>("POST", "/messaging/conversations", input, undefined, keyHeader(idempotencyKey)),
    /** `afterMessageId`: the newest message shown; someone wrote since → ApiError 409 with `newMessages`. */
    postMessage: (id: number, content: string, { afterMessageId, idempotencyKey, files = [], onProgress }: SendOptions & FileOptions & { afterMessageId?: number } = {}) =>
      files.length > 0
        ? upload<Message>(`${conversation(id)}/messages`, { content, afterMessageId }, files, keyHeader(idempotencyKey), onProgress)
        : call<Message>("POST", `${conversation(id)}/messages`, { content, ...(afterMessageId !== undefined && { afterMessageId }) }, undefined, keyHeader(idempotencyKey)),
    /** His emails (on or off) and their language. */
    preferences: () => call<Preferences>("GET", "/auth/me/preferences"),
    updatePreferences: (changes: Partial<Preferences>) => call<Preferences>("PUT", "/auth/me/preferences", changes),
    /** What files a message may carry. */
    attachmentLimits: () => call<AttachmentLimits>("GET", "/attachments/limits"),
    /** Marks the admins' messages read; answers the caller's new total unread count. */
    markRead: (id: number) => call<{ count: number }>("PATCH", `${conversation(id)}/read`),
    setStatus: (id: number, status: ConversationStatus) =>
      call<Conversation>("PATCH", `${conversation(id)}/status`, { status }),
    unreadCount: () => call<{ count: number }>("GET", "/messaging/unread-count"),
    /** The pro's satisfaction with a closed conversation (once per closing). */
    rate: (id: number, rating: { score: number; comment?: string }) => call<Rating>("POST", `${conversation(id)}/rating`, rating),
    /** The categories a pro may choose (active ones), by name. */
    listCategories: () => call<Category[]>("GET", `/categories?sort=${encodeURIComponent('["name","ASC"]')}`),
    /** Opens the Server-Sent Events stream with the same token (a 401 ends the session too); answers its closer. */
    streamEvents: (handlers: Pick<EventStreamOptions, "onEvent" | "onLiveChange">) =>
      openEventStream({
        url: `${baseUrl}${EVENTS_PATH}`,
        token,
        onUnauthorized: askWhy,
        ...handlers,
      }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
