import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../src/generated/prisma/client.ts";
import { startTestApp, type TestApp } from "./harness.ts";

let t: TestApp;
let admin: User, pro: User;

beforeAll(async () => {
  t = await startTestApp();
  [admin, pro] = await Promise.all([t.createAdmin(), t.createPro({ name: "Zoé Plombier" })]);
});
afterAll(() => t.close());

describe("/api/users", () => {
  it("is for admins only: pros get 403, no token 401", async () => {
    expect((await request(t.app).get("/api/users").set("Authorization", t.bearer(pro))).status).toBe(403);
    expect((await request(t.app).get(`/api/users/${pro.id}`).set("Authorization", t.bearer(pro))).status).toBe(403);
    expect((await request(t.app).post("/api/users").set("Authorization", t.bearer(pro)).send({})).status).toBe(403);
    expect((await request(t.app).put(`/api/users/${pro.id}`).set("Authorization", t.bearer(pro)).send({ active: false })).status).toBe(403);
    expect((await request(t.app).get("/api/users")).status).toBe(401);
  });

  it("lists with search, role filter and Content-Range, never the password hash", async () => {
    const res = await request(t.app)
      .get("/api/users")
      .query({ filter: JSON.stringify({ q: "zoé", role: "PROFESSIONAL" }) })
      .set("Authorization", t.bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body.map((u: User) => u.id)).toEqual([pro.id]);
    expect(res.body[0]).not.toHaveProperty("passwordHash");
    expect(res.headers["content-range"]).toBe("users 0-0/1");
  });

  it("creates a user who can then log in; a taken email is 409", async () => {
    const body = { email: "New.Pro@Test.local", name: "Nouveau Pro", role: "PROFESSIONAL", password: "Soleil de mars 42" };
    const res = await request(t.app).post("/api/users").set("Authorization", t.bearer(admin)).send(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: "new.pro@test.local", name: "Nouveau Pro", active: true });
    const login = await request(t.app).post("/api/auth/login").send({ email: body.email, password: body.password });
    expect(login.status).toBe(200);
    const again = await request(t.app).post("/api/users").set("Authorization", t.bearer(admin)).send({ ...body, email: "new.pro@TEST.local" });
    expect(again.status).toBe(409);
    expect(again.body.errors.email).toBeTruthy();
  });

  it("updates name and active from a partial body, ignoring fields that cannot change", async () => {
    const target = await t.createPro();
    const res = await request(t.app)
      .put(`/api/users/${target.id}`)
      .set("Authorization", t.bearer(admin))
      .send({ ...target, name: "Renommé", active: false, role: "ADMIN", email: "hijack@test.local" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Renommé", active: false, role: "PROFESSIONAL", email: target.email });
    expect((await request(t.app).get(`/api/users/${target.id}`).set("Authorization", t.bearer(admin))).body.active).toBe(false);
    expect((await request(t.app).put("/api/users/424242").set("Authorization", t.bearer(admin)).send({ name: "x" })).status).toBe(404);
  });

  it("has no delete", async () => {
    const res = await request(t.app).delete(`/api/users/${pro.id}`).set("Authorization", t.bearer(admin));
    expect(res.status).toBe(404);
    expect(await t.prisma.user.count({ where: { id: pro.id } })).toBe(1);
  });
});
