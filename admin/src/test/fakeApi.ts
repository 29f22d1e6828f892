import { DEFAULT_LIMITS } from "@messagerie/client/attachments";
import type { Identifier } from "react-admin";
import type { Category, Conversation, Message, User } from "@messagerie/client/types";
import { createFakeEventStream } from "./fakeEventStream";

/**
 * A small in-memory stand-in for the API, answering the real data provider's requests (simple-rest protocol
 * plus the messaging routes). Component tests exercise the console's own wiring — URLs, filters, Bearer
 * header — without a server; the API has its own tests on a real database.
 */

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

export const admin: User = {
  id: 1, email: "admin@demo.local", name: "Alice Martin", role: "ADMIN", active: true,
  createdAt: minutesAgo(9000), updatedAt: minutesAgo(9000),
};
export const pro1: User = {
  id: 2, email: "pro1@demo.local", name: "Paul Durand", role: "PROFESSIONAL", active: true,
  createdAt: minutesAgo(5000), updatedAt: minutesAgo(5000),
};
export const pro2: User = {
  id: 3, email: "pro2@demo.local", name: "Sophie Bernard", role: "PROFESSIONAL", active: true,
  createdAt: minutesAgo(4000), updatedAt: minutesAgo(4000),
};

export const aConversation = (fields: Partial<Conversation> & Pick<Conversation, "id" | "subject">): Conversation => {
  const pro = fields.professionalId === pro2.id ? pro2 : pro1;
  return {
    status: "open",
    professionalId: pro.id,
    professional: { id: pro.id, name: pro.name, email: pro.email },
    adminId: null,
    admin: null,
    categoryId: null,
    category: null,
    priority: "normal",
    waitingOn: "ADMIN",
    waitingSince: minutesAgo(5),
    lastMessageInternal: false,
    createdAt: minutesAgo(120),
    updatedAt: minutesAgo(5),
    closedAt: null,
    firstAdminReplyAt: null,
    lastMessageAt: minutesAgo(5),
    lastMessagePreview: `À propos de : ${fields.subject}`,
    lastMessageSenderType: "PROFESSIONAL",
    messageCount: 1,
    unreadCount: 0,
    rating: null,
    ...fields,
  };
};

export const demoConversations = (): Conversation[] => [
  aConversation({ id: 1, subject: "Facture introuvable", unreadCount: 2, lastMessageAt: minutesAgo(3) }),
  aConversation({ id: 2, subject: "Paiement refusé", professionalId: pro2.id, unreadCount: 1, lastMessageAt: minutesAgo(10) }),
  aConversation({ id: 3, subject: "Documents à compléter", professionalId: pro2.id, lastMessageAt: minutesAgo(30) }),
  aConversation({ id: 4, subject: "Changement d'adresse", status: "closed", closedAt: minutesAgo(60), lastMessageAt: minutesAgo(60) }),
  aConversation({ id: 5, subject: "Accès bloqué", status: "closed", unreadCount: 1, lastMessageAt: minutesAgo(90) }),
];

export interface Seed {
  conversations?: Conversation[];
  users?: User[];
  messages?: Message[];
  categories?: Category[];
}

export interface LoggedRequest {
  method: string;
  url: URL;
  body: unknown;
  headers: Headers;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

const fieldOf = (record: object, key: string): unknown => Reflect.get(record, key);

const matches = (record: object, filter: Record<string, unknown>) =>
  Object.entries(filter).every(([key, value]) => {
    if (value === undefined || value === "" || value === null) return true;
    if (key === "q") {
      const text = ["subject", "lastMessagePreview", "name", "email"].map((k) => fieldOf(record, k) ?? "").join(" ");
      return text.toLowerCase().includes(String(value).toLowerCase());
    }
    if (key === "unreadOnly") return value !== true || Number(fieldOf(record, "unreadCount")) > 0;
    if (Array.isArray(value)) return value.some((v) => String(v) === String(fieldOf(record, key)));
    if (key.endsWith("_gte")) return String(fieldOf(record, key.slice(0, -4))) >= String(value);
    if (key.endsWith("_lte")) return String(fieldOf(record, key.slice(0, -4))) <= String(value);
    return String(fieldOf(record, key)) === String(value);
  });

const listAnswer = (resource: string, rows: object[], url: URL) => {
  const filter: Record<string, unknown> = JSON.parse(url.searchParams.get("filter") ?? "{}");
  const [field, order]: [string, string] = JSON.parse(url.searchParams.get("sort") ?? '["id","ASC"]');
  const [start, end]: [number, number] = JSON.parse(url.searchParams.get("range") ?? "[0,24]");
  const found = rows.filter((row) => matches(row, filter));
  const direction = order === "ASC" ? 1 : -1;
  found.sort((a, b) => (String(fieldOf(a, field)) > String(fieldOf(b, field)) ? direction : -direction));
  const slice = found.slice(start, end + 1);
  return json(slice, 200, { "Content-Range": `${resource} ${start}-${start + slice.length - 1}/${found.length}` });
};

export const createFakeApi = (seed: Seed = {}) => {
  const conversations = seed.conversations ?? demoConversations();
  const users = seed.users ?? [admin, pro1, pro2];
  const messages = seed.messages ?? [];
  const categories = seed.categories ?? [];
  const requests: LoggedRequest[] = [];
  const events = createFakeEventStream();
  const unreadCount = () => conversations.reduce((sum, c) => sum + c.unreadCount, 0);
  const byId = <T extends { id: Identifier }>(rows: T[], id: string) => rows.find((row) => String(row.id) === id);

  const route = (method: string, url: URL, body: Record<string, unknown>): Response => {
    const path = url.pathname;
    let match: RegExpExecArray | null;
    if (method === "POST" && path === "/api/auth/login") {
      const user = users.find((u) => u.email === body.email);
      if (!user || body.password !== "demo1234") return json({ message: "Identifiants invalides" }, 401);
      return json({ token: `token-${user.id}`, user });
    }
    if (path === "/api/messaging/unread-count") return json({ count: unreadCount() });
    if (path === "/api/attachments/limits") return json(DEFAULT_LIMITS);
    if (path === "/api/messaging/conversations/export.csv") return new Response("id\n", { status: 200 });
    if (path === "/api/messaging/conversations") {
      if (method === "GET") return listAnswer("conversations", conversations, url);
    }
    if ((match = /^\/api\/messaging\/conversations\/(\d+)\/read$/.exec(path))) {
      const conversation = byId(conversations, match[1]);
      if (conversation) conversation.unreadCount = 0;
      return json({ count: unreadCount() });
    }
    if ((match = /^\/api\/messaging\/conversations\/(\d+)\/messages$/.exec(path))) {
      const message: Message = {
        id: messages.length + 1, conversationId: Number(match[1]), senderType: "ADMIN", senderId: admin.id,
        sender: { id: admin.id, name: admin.name }, content: String(body.content),
        createdAt: new Date().toISOString(), readAt: null, attachments: [],
      };
      messages.push(message);
      return json(message, 201);
    }
    if ((match = /^\/api\/messaging\/conversations\/(\d+)$/.exec(path))) {
      const conversation = byId(conversations, match[1]);
      if (!conversation) return json({ message: "Introuvable" }, 404);
      if (method === "PUT") Object.assign(conversation, body);
      const thread = messages.filter((m) => String(m.conversationId) === match?.[1]);
      return json(method === "GET" ? { ...conversation, messages: thread } : conversation);
    }
    if (path === "/api/users" && method === "GET") return listAnswer("users", users, url);
    if (path === "/api/categories" && method === "GET") return listAnswer("categories", categories, url);
    if ((match = /^\/api\/users\/(\d+)$/.exec(path))) {
      const user = byId(users, match[1]);
      return user ? json(user) : json({ message: "Introuvable" }, 404);
    }
    return json({ message: `No fake route for ${method} ${path}` }, 404);
  };

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), "http://localhost");
    const method = init.method ?? "GET";
    const body: Record<string, unknown> = typeof init.body === "string" ? JSON.parse(init.body) : {};
    const headers = new Headers(init.headers);
    requests.push({ method, url, body, headers });
    if (url.pathname === "/api/messaging/events") return events.connect(headers, init.signal, unreadCount());
    return route(method, url, body);
  };

  /** The `filter` of every page request for a resource, oldest first (not the one-row count requests). */
  const listFilters = (resource: string) =>
    requests
      .filter((r) => r.method === "GET" && r.url.pathname.endsWith(`/${resource}`))
      .filter((r) => r.url.searchParams.has("range") && r.url.searchParams.get("range") !== "[0,0]")
      .map((r): Record<string, unknown> => JSON.parse(r.url.searchParams.get("filter") ?? "{}"));

  return { fetch, requests, listFilters, conversations, messages, events };
};

export type FakeApi = ReturnType<typeof createFakeApi>;
