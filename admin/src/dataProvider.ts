import simpleRestProvider from "ra-data-simple-rest";
import {
  combineDataProviders,
  fetchUtils,
  HttpError,
  type DataProvider,
  type Identifier,
  type SortPayload,
} from "react-admin";
import { fetchApi, sendForm } from "./api/http";
import { messageForm } from "@messagerie/client/attachments";
import { authHeader } from "./auth/session";
import type { AttachmentLimits, Preferences, Conversation, Message, Stats, StatsBucket } from "@messagerie/client/types";

/** The statistics' range (ISO instants) and filters, as query parameters. */
export type StatsParams = { from: string; to: string } & Partial<Record<"categoryId" | "adminId" | "priority", string>>;

/** ra-data-simple-rest's fetch, with the signed-in admin's Bearer token. */
export const httpClient = (url: string, options: fetchUtils.Options = {}) => {
  const headers = new Headers(options.headers ?? { Accept: "application/json" });
  for (const [name, value] of Object.entries(authHeader())) headers.set(name, value);
  return fetchApi(url, { ...options, headers });
};

/**
 * The messaging routes that are not plain CRUD, added to the stock provider as react-admin recommends
 * ("custom methods"), so components reach them through useDataProvider() and its 401 handling.
 */
export interface MessagingMethods {
  markConversationRead(resource: string, params: { id: Identifier }): Promise<{ count: number }>;
  /**
   * `afterMessageId`: the newest message shown (someone wrote since → HttpError 409 whose body has `newMessages`);
   * `idempotencyKey`: the same for the same submission retried after a network failure.
   */
  replyToConversation(
    resource: string,
    params: {
      id: Identifier; content: string; internal?: boolean; afterMessageId?: Identifier; idempotencyKey?: string;
      /** Sent as multipart/form-data, `onProgress` told how much is uploaded (0…1). */
      files?: File[]; onProgress?: (fraction: number) => void;
    },
  ): Promise<{ data: Message }>;
  /** What files a message may carry (GET /api/attachments/limits). */
  getAttachmentLimits(resource: string): Promise<AttachmentLimits>;
  /** The signed-in admin's own preferences (GET/PUT /api/auth/me/preferences). */
  getPreferences(resource: string): Promise<Preferences>;
  updatePreferences(resource: string, changes: Partial<Preferences>): Promise<Preferences>;
  /** A reply template filled for this ticket (counts a use). */
  renderTemplate(resource: string, params: { id: Identifier; conversationId: Identifier }): Promise<{ content: string }>;
  /** Tells the other admins that this one views (or types on, or left) the ticket. */
  announcePresence(resource: string, params: { id: Identifier; state: "viewing" | "typing" | "left" }): Promise<void>;
  getUnreadCount(resource: string): Promise<{ count: number }>;
  /** Open conversations of a pro about a subject being typed (GET /api/search/suggestions). */
  suggestConversations(resource: string, params: { subject: string; professionalId: Identifier }): Promise<{ data: Conversation[] }>;
  /** GET /api/stats and /api/stats/timeseries (admins only). */
  getStats(resource: string, params: StatsParams): Promise<Stats>;
  getStatsTimeseries(resource: string, params: StatsParams & { interval: "day" | "week" | "month"; timeZone: string }): Promise<StatsBucket[]>;
  exportConversations(
    resource: string,
    params: { filter: Record<string, unknown>; sort: SortPayload; format?: "csv" | "excel-fr" },
  ): Promise<Blob>;
}

export type AppDataProvider = DataProvider & MessagingMethods;

const messagingMethods = (apiUrl: string, rootUrl: string): MessagingMethods => ({
  async markConversationRead(resource, { id }) {
    const { json } = await httpClient(`${apiUrl}/${resource}/${encodeURIComponent(id)}/read`, { method: "PATCH" });
    return { count: Number(json.count) };
  },
  async replyToConversation(resource, { id, content, internal, afterMessageId, idempotencyKey, files = [], onProgress }) {
    if (files.length > 0) {
      const form = messageForm({ content, internal: internal || undefined, afterMessageId: afterMessageId === undefined ? undefined : Number(afterMessageId) }, files);
      const headers: Record<string, string> = { ...authHeader(), ...(idempotencyKey && { "Idempotency-Key": idempotencyKey }) };
      return { data: await sendForm<Message>(`${apiUrl}/${resource}/${encodeURIComponent(id)}/messages`, form, headers, onProgress) };
    }
    const { json } = await httpClient(`${apiUrl}/${resource}/${encodeURIComponent(id)}/messages`, {
      method: "POST",
      body: JSON.stringify({ content, ...(internal && { internal }), ...(afterMessageId !== undefined && { afterMessageId: Number(afterMessageId) }) }),
      ...(idempotencyKey && { headers: new Headers({ Accept: "application/json", "Idempotency-Key": idempotencyKey }) }),
    });
    return { data: json };
  },
  async getPreferences() {
    const { json } = await httpClient(`${rootUrl}/auth/me/preferences`);
    return json as Preferences;
  },
  async updatePreferences(_resource, changes) {
    const { json } = await httpClient(`${rootUrl}/auth/me/preferences`, { method: "PUT", body: JSON.stringify(changes) });
    return json as Preferences;
  },
  async getAttachmentLimits() {
    const { json } = await httpClient(`${rootUrl}/attachments/limits`);
    return json as AttachmentLimits;
  },
  async renderTemplate(_resource, { id, conversationId }) {
    const { json } = await httpClient(`${rootUrl}/templates/${encodeURIComponent(id)}/render`, {
      method: "POST",
      body: JSON.stringify({ conversationId: Number(conversationId) }),
    });
    return { content: String(json.content) };
  },
  async announcePresence(resource, { id, state }) {
    // keepalive: "left" is sent as the page goes away, and must outlive it.
    await httpClient(`${apiUrl}/${resource}/${encodeURIComponent(id)}/presence`, { method: "POST", body: JSON.stringify({ state }), keepalive: true } as fetchUtils.Options);
  },
  async getStats(_resource, params) {
    const { json } = await httpClient(`${rootUrl}/stats?${new URLSearchParams(params)}`);
    return json as Stats;
  },
  async getStatsTimeseries(_resource, params) {
    const { json } = await httpClient(`${rootUrl}/stats/timeseries?${new URLSearchParams(params)}`);
    return json as StatsBucket[];
  },
  async getUnreadCount() {
    const { json } = await httpClient(`${apiUrl}/unread-count`);
    return { count: Number(json.count) };
  },
  async suggestConversations(_resource, { subject, professionalId }) {
    const query = new URLSearchParams({ subject, professionalId: String(professionalId) });
    const { json } = await httpClient(`${rootUrl}/search/suggestions?${query}`);
    return { data: json };
  },
  async exportConversations(resource, { filter, sort, format = "csv" }) {
    const query = new URLSearchParams({
      filter: JSON.stringify(filter),
      sort: JSON.stringify([sort.field, sort.order]),
      ...(format !== "csv" && { format }),
    });
    // Raw fetch: the answer is a CSV stream, not JSON.
    const response = await fetch(`${apiUrl}/${resource}/export.csv?${query}`, { headers: authHeader() });
    if (!response.ok) throw new HttpError(response.statusText, response.status);
    return response.blob();
  },
});

/**
 * The conversations' getList: the stock one's request, plus what a search answers in headers — a total that is only a
 * lower bound (partial pagination: "1-25 sur plus de 25") and the corrected spelling that was searched or the close
 * word offered (`meta`). A
 * search keeps the API's relevance order unless the admin picked another sort than the default one.
 */
const conversationsGetList = (apiUrl: string): DataProvider["getList"] => async (resource, params) => {
  const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
  const { field, order } = params.sort ?? { field: "lastMessageAt", order: "DESC" };
  const filter = params.filter ?? {};
  const query = new URLSearchParams({ filter: JSON.stringify(filter), range: JSON.stringify([(page - 1) * perPage, page * perPage - 1]) });
  if (!(filter.q && field === "lastMessageAt" && order === "DESC")) query.set("sort", JSON.stringify([field, order]));
  const { headers, json } = await httpClient(`${apiUrl}/${resource}?${query}`, { signal: params.signal });
  const corrected = headers.get("x-search-corrected");
  const suggested = headers.get("x-search-suggested");
  const meta = corrected ? { corrected: decodeURIComponent(corrected) } : suggested ? { suggested: decodeURIComponent(suggested) } : undefined;
  if (headers.has("x-total-bound")) {
    return { data: json, pageInfo: { hasPreviousPage: page > 1, hasNextPage: json.length === perPage }, meta };
  }
  return { data: json, total: Number(headers.get("content-range")?.split("/").pop()), meta };
};

/** A new conversation: JSON as the stock provider sends it, or multipart when files go with its first message. */
const conversationsCreate = (apiUrl: string, json: DataProvider["create"]): DataProvider["create"] => async (resource, params) => {
  const { files, ...fields } = params.data as { files?: File[] } & Record<string, string | number | null | undefined>;
  if (!files || files.length === 0) return json(resource, { ...params, data: fields });
  return { data: await sendForm<never>(`${apiUrl}/${resource}`, messageForm(fields, files), authHeader()) };
};

/**
 * Stock simple-rest providers picked per resource. The combined provider forwards any method name to the
 * resource's provider, so components reach MessagingMethods with useDataProvider<AppDataProvider>().
 */
export const createDataProvider = (apiUrl = "/api"): DataProvider => {
  const messaging: AppDataProvider = {
    ...simpleRestProvider(`${apiUrl}/messaging`, httpClient),
    ...messagingMethods(`${apiUrl}/messaging`, apiUrl),
  };
  const conversations: AppDataProvider = {
    ...messaging,
    getList: conversationsGetList(`${apiUrl}/messaging`),
    create: conversationsCreate(`${apiUrl}/messaging`, messaging.create),
  };
  const core = simpleRestProvider(apiUrl, httpClient);
  return combineDataProviders((resource) => {
    switch (resource) {
      case "conversations":
        return conversations;
      case "messages":
      case "stats":
      case "attachments":
      case "preferences":
        return messaging;
      case "users":
      case "categories":
      case "templates":
      case "notifications":
        return core;
      default:
        throw new Error(`Unknown resource: ${resource}`);
    }
  });
};
