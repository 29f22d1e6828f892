import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiPath } from "../src/openapi/document.ts";
import { sessionJsonSchema } from "../src/auth/schemas.ts";
import { healthJsonSchema } from "../src/health/routes.ts";
import { userJsonSchema } from "../src/users/schemas.ts";
import { PASSWORD, startTestApp, type TestApp } from "./harness.ts";
import { routesOf } from "./routes.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Document = {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: unknown; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
};

describe("GET /api/openapi.json", () => {
  it("declares every route the app serves, and only those", async () => {
    const res = await request(t.app).get("/api/openapi.json");
    expect(res.status).toBe(200);
    const document = res.body as Document;
    expect(document.openapi).toBe("3.1.0");
    const served = routesOf(t.app)
      .filter((route) => route.path.startsWith("/api/"))
      .map((route) => `${route.method.toUpperCase()} ${openApiPath(route.path)}`);
    const declared = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(served.length).toBeGreaterThan(15);
    expect(new Set(declared)).toEqual(new Set(served));
    expect(declared.length).toBe(new Set(declared).size);
  });

  it("describes inputs from the schemas the routes validate with, and every error", async () => {
    const document = (await request(t.app).get("/api/openapi.json")).body as Document;
    const list = document.paths["/api/messaging/conversations"].get;
    expect(list.parameters?.map((parameter) => parameter.name)).toEqual(expect.arrayContaining(["filter", "sort", "range"]));
    const create = document.paths["/api/users"].post;
    expect(JSON.stringify(create.requestBody)).toContain('"maxLength":254');
    const detail = document.paths["/api/messaging/conversations/{id}"].get;
    expect(Object.keys(detail.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "404", "503"]));
    expect(Object.keys(document.paths["/api/users"].get.responses)).toContain("403");
    const login = document.paths["/api/auth/login"].post as { security?: unknown[]; responses: Record<string, unknown> };
    expect(login.security).toEqual([]); // no token needed
    expect(Object.keys(login.responses)).not.toContain("403");
    expect(document.components.schemas).toHaveProperty("Conversation");
    // No reference points at nothing.
    for (const [, name] of JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) expect(document.components.schemas).toHaveProperty(name);
  });

  it("describes answers as they are (the signed-in user, a session)", async () => {
    const pro = await t.createPro();
    const me = await request(t.app).get("/api/auth/me").set("Authorization", t.bearer(pro));
    userJsonSchema.strict().parse(me.body);
    const login = await request(t.app).post("/api/auth/login").send({ email: pro.email, password: PASSWORD });
    sessionJsonSchema.strict().parse(login.body);
    healthJsonSchema.strict().parse((await request(t.app).get("/api/health")).body);
  });

  it("serves a reference page at /api/docs, with its scripts, without a token", async () => {
    const page = await request(t.app).get("/api/docs");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    const scripts = [...page.text.matchAll(/src="([^"]+)"/g)].map(([, src]) => src);
    expect(scripts.length).toBe(2);
    for (const src of [...scripts, "/api/docs/swagger-ui.css"]) expect((await request(t.app).get(src)).status).toBe(200);
    expect((await request(t.app).get("/api/docs/start.js")).text).toContain("/api/openapi.json");
  });
});
