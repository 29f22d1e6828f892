import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import sharp from "sharp";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachmentLinks } from "../src/attachments/links.ts";
import { displayName } from "../src/attachments/types.ts";
import { diskStorage, readAll, s3Storage, type AttachmentStorage } from "../src/attachments/storage.ts";
import type { MessagingEvent } from "../src/events/bus.ts";
import type { User } from "../src/generated/prisma/client.ts";
import { csvUtf8, docx, elf, exe, html, jpegWithExif, odt, plainZip, png, svgWithScript, textWindows1252, xlsx } from "./files.ts";
import { listening, startTestApp, testSettings, type TestApp } from "./harness.ts";

type Attachment = { id: number; filename: string; contentType: string; size: number; width?: number; height?: number; url: string; thumbnailUrl?: string };

/** Every stored key, whatever its age. */
async function storedKeys(storage: AttachmentStorage) {
  const keys: string[] = [];
  for await (const key of storage.listOlderThan(new Date(Date.now() + 60_000))) keys.push(key);
  return keys.sort();
}

/** The same suite on disk and on an S3-compatible server (s3rver, started here). */
const storages: [string, () => Promise<{ storage: AttachmentStorage; stop(): Promise<void> }>][] = [
  ["on disk", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "attachments-disk-"));
    return { storage: diskStorage(folder), stop: async () => rmSync(folder, { recursive: true, force: true }) };
  }],
  ["on S3 (s3rver)", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "attachments-s3-"));
    const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: folder, configureBuckets: [{ name: "attachments", configs: [] }] });
    const { port } = (await server.run()) as unknown as { port: number };
    const storage = s3Storage({
      bucket: "attachments", endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    return { storage, stop: async () => { await server.close(); rmSync(folder, { recursive: true, force: true }); } };
  }],
];

describe.each(storages)("attachments %s", (_name, open) => {
  let t: TestApp;
  let stop: () => Promise<void>;
  let admin: User, pro: User, otherPro: User;
  const events: MessagingEvent[] = [];

  beforeAll(async () => {
    const opened = await open();
    stop = opened.stop;
    t = await startTestApp({ attachments: { ...testSettings.attachments, maxBytes: 200_000, maxFiles: 3 } }, undefined, undefined, { storage: opened.storage });
    t.events.subscribe((delivery) => delivery.kind === "event" && "conversationId" in delivery.event && events.push(delivery.event as MessagingEvent));
    [admin, pro, otherPro] = await Promise.all([t.createAdmin(), t.createPro(), t.createPro()]);
  });
  afterAll(async () => {
    await t.close();
    await stop();
  });

  const as = (user: User) => ({ Authorization: t.bearer(user) });
  async function ticket(by: User = pro) {
    const res = await request(t.app).post("/api/messaging/conversations").set(as(by)).send({ subject: "Pièces", content: "Bonjour" });
    expect(res.status).toBe(201);
    return res.body.id as number;
  }
  /** Posts `files` ([content, name]) with the message; answers the response. */
  function post(by: User, id: number, files: [Buffer, string][], fields: Record<string, string> = { content: "Voici" }) {
    let req = request(t.app).post(`/api/messaging/conversations/${id}/messages`).set(as(by));
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    for (const [content, filename] of files) req = req.attach("files", content, filename);
    return req;
  }
  /** Posts one file and answers its attachment (201 expected). */
  async function attach(by: User, id: number, content: Buffer, filename: string, fields?: Record<string, string>) {
    const res = await post(by, id, [[content, filename]], fields);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.attachments[0] as Attachment;
  }

  describe("the storage", () => {
    it("keeps, reads (whole or a range), lists and removes bytes", async () => {
      const key = "zz/contract-test";
      await t.storage.put(key, Buffer.from("0123456789"), "text/plain");
      expect((await readAll(await t.storage.get(key))).toString()).toBe("0123456789");
      expect((await readAll(await t.storage.get(key, { start: 2, end: 5 }))).toString()).toBe("2345");
      expect(await storedKeys(t.storage)).toContain(key);
      const old: string[] = [];
      for await (const listed of t.storage.listOlderThan(new Date(Date.now() - 3600_000))) old.push(listed);
      expect(old).not.toContain(key);
      await t.storage.remove(key);
      await expect(t.storage.get(key)).rejects.toThrow();
      await t.storage.remove(key); // twice is fine
    });
  });

  describe("types, by content", () => {
    it("stores a PNG named facture.pdf as image/png, with its size, a thumbnail and a name that says what it is", async () => {
      const id = await ticket();
      const file = await attach(pro, id, await png(300, 120), "facture.pdf");
      expect(file).toMatchObject({ contentType: "image/png", filename: "facture.pdf.png", width: 300, height: 120 });
      expect(file.thumbnailUrl).toMatch(/^\/api\/attachments\/\d+\/thumbnail\?expires=\d+&signature=/);
      const thumbnail = await request(t.app).get(file.thumbnailUrl!).responseType("blob");
      expect(thumbnail.status).toBe(200);
      expect(thumbnail.headers["content-type"]).toBe("image/webp");
      expect((await sharp(thumbnail.body as Buffer).metadata()).format).toBe("webp");
    });

    it("keeps text named as a script or a program as text, named .txt after it; strips invisible characters from names", async () => {
      const id = await ticket();
      for (const name of ["lancer.bat", "run.cmd", "setup.ps1", "macro.vbs", "app.js", "install.sh", "virus.exe", "raccourci.lnk", "page.html", "page.htm"]) {
        const file = await attach(pro, id, Buffer.from("echo bonjour\r\n"), name);
        expect([file.contentType, file.filename]).toEqual(["text/plain; charset=utf-8", `${name}.txt`]);
      }
      const hidden = await attach(pro, id, Buffer.from("bonjour"), "fac\u200bture\u200d\u2060\ufeff\u00ad.txt");
      expect(hidden.filename).toBe("facture.txt");
    });

    it("accepts PDF, office documents, ODF, CSV and plain text, each as what it is", async () => {
      const id = await ticket();
      const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
      const cases: [Buffer, string, string][] = [
        [pdf, "releve.bin", "application/pdf"],
        [docx(), "contrat.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
        [xlsx(), "tableau.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
        [odt(), "courrier.odt", "application/vnd.oasis.opendocument.text"],
        [csvUtf8(), "export.csv", "text/csv; charset=utf-8"],
        [textWindows1252(), "note.txt", "text/plain; charset=windows-1252"],
      ];
      for (const [content, filename, contentType] of cases) {
        const file = await attach(pro, id, content, filename);
        expect(file.contentType, filename).toBe(contentType);
        expect(file.thumbnailUrl).toBeUndefined();
      }
    });

    it.each([
      ["an SVG with a script", svgWithScript(), "logo.svg"],
      ["an SVG renamed .png", svgWithScript(), "logo.png"],
      ["HTML", html(), "page.html"],
      ["HTML renamed .txt", html(), "notes.txt"],
      ["a Windows executable", exe(), "facture.pdf"],
      ["an ELF executable", elf(), "outil"],
      ["a plain ZIP", plainZip(), "archive.zip"],
    ])("refuses %s with 415 naming the file, storing nothing", async (_case, content, filename) => {
      const id = await ticket();
      const before = await storedKeys(t.storage);
      const res = await post(pro, id, [[Buffer.from("ok"), "ok.txt"], [content, filename]]);
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ code: "unsupported_file_type", filename });
      expect(res.body.message).toContain(filename);
      expect(await storedKeys(t.storage)).toEqual(before);
      const thread = await request(t.app).get(`/api/messaging/conversations/${id}`).set(as(pro));
      expect(thread.body.messages).toHaveLength(1);
    });

    it("sanitises names: no folders, no control or direction-override characters", async () => {
      const id = await ticket();
      const file = await attach(pro, id, await png(), "../../etc/\u202Egnp.exe.png");
      expect(file.filename).toBe("gnp.exe.png");
      expect(displayName("a\u0007b\u200F.png", "image/png")).toBe("ab.png");
      expect(displayName("", "application/pdf")).toBe("fichier.pdf");
      expect(displayName("rapport", "text/plain; charset=utf-8")).toBe("rapport.txt");
      expect(displayName("journal.log", "text/plain; charset=utf-8")).toBe("journal.log");
    });
  });

  describe("limits", () => {
    it("are told to forms: sizes, count and accepted types", async () => {
      const res = await request(t.app).get("/api/attachments/limits").set(as(pro));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ maxBytes: 200_000, maxFiles: 3 });
      expect(res.body.types["image/png"]).toEqual(["png"]);
      expect(Object.keys(res.body.types)).not.toContain("image/svg+xml");
    });

    it("413 for a file over ATTACHMENT_MAX_BYTES, naming the limit; nothing stored, nothing written", async () => {
      const id = await ticket();
      const before = await storedKeys(t.storage);
      const res = await post(pro, id, [[await png(), "petit.png"], [Buffer.alloc(200_001, "a"), "gros.txt"]]);
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: "file_too_large", limit: 200_000 });
      expect(res.body.message).toContain("0.2 MB");
      expect(await storedKeys(t.storage)).toEqual(before);
      expect((await t.prisma.message.count({ where: { conversationId: id } }))).toBe(1);
    });

    it("takes a file of exactly ATTACHMENT_MAX_BYTES, and refuses one byte more", async () => {
      const id = await ticket();
      const exact = await post(pro, id, [[Buffer.alloc(200_000, "a"), "juste.txt"]]);
      expect(exact.status).toBe(201);
      expect(exact.body.attachments[0].size).toBe(200_000);
      expect((await post(pro, id, [[Buffer.alloc(200_001, "a"), "trop.txt"]])).status).toBe(413);
    });

    it("413 for more than ATTACHMENT_MAX_FILES", async () => {
      const id = await ticket();
      const text = Buffer.from("texte");
      const res = await post(pro, id, [[text, "1.txt"], [text, "2.txt"], [text, "3.txt"], [text, "4.txt"]]);
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: "too_many_files", limit: 3 });
    });

    it("a message may be empty when it has a file, not otherwise", async () => {
      const id = await ticket();
      const res = await post(pro, id, [[await png(), "capture.png"]], { content: "" });
      expect(res.status).toBe(201);
      expect(res.body.content).toBe("");
      const list = await request(t.app).get("/api/messaging/conversations").set(as(pro)).query({ filter: JSON.stringify({ id: [id] }) });
      expect(list.body[0].lastMessagePreview).toBe("📎 capture.png");
      expect((await post(pro, id, [], { content: "" })).status).toBe(400);
    });

    it("multipart fields are validated as JSON is: a pro may not send internal", async () => {
      const id = await ticket();
      const res = await post(pro, id, [[await png(), "a.png"]], { content: "x", internal: "true" });
      expect(res.status).toBe(400);
    });
  });

  describe("access", () => {
    it("downloads with the Bearer header as its message is seen: admin and owner yes, another pro and no token no", async () => {
      const id = await ticket();
      const file = await attach(pro, id, Buffer.from("relevé"), "releve.txt");
      const path = `/api/attachments/${file.id}`;
      expect((await request(t.app).get(path).set(as(admin))).status).toBe(200);
      const own = await request(t.app).get(path).set(as(pro));
      expect(own.status).toBe(200);
      expect(own.text).toBe("relevé");
      expect((await request(t.app).get(path).set(as(otherPro))).status).toBe(404);
      expect((await request(t.app).get(path)).status).toBe(401);
      expect((await request(t.app).get(`${path}/thumbnail`).set(as(admin))).status).toBe(404); // not an image
    });

    it("a note's file is the admins': 404 for the pro, absent from his thread, his messages and his events", async () => {
      const id = await ticket();
      events.length = 0;
      const note = await post(admin, id, [[await png(), "interne.png"]], { content: "Note", internal: "true" });
      expect(note.status).toBe(201);
      const file = note.body.attachments[0] as Attachment;
      expect((await request(t.app).get(`/api/attachments/${file.id}`).set(as(admin))).status).toBe(200);
      expect((await request(t.app).get(`/api/attachments/${file.id}`).set(as(pro))).status).toBe(404);
      expect((await request(t.app).get(`/api/attachments/${file.id}/thumbnail`).set(as(pro))).status).toBe(404);
      const thread = await request(t.app).get(`/api/messaging/conversations/${id}`).set(as(pro));
      expect(JSON.stringify(thread.body)).not.toContain("interne.png");
      const messages = await request(t.app).get("/api/messaging/messages").set(as(pro)).query({ filter: JSON.stringify({ conversationId: id }) });
      expect(JSON.stringify(messages.body)).not.toContain("interne.png");
      // The event carrying it is for admins only.
      const carrying = events.filter((event) => JSON.stringify(event).includes("interne.png"));
      expect(carrying.length).toBe(1);
      expect(carrying[0].adminsOnly).toBe(true);
    });

    it("the thread, the messages list, getOne and the event carry the same attachments", async () => {
      const id = await ticket();
      events.length = 0;
      const file = await attach(admin, id, await png(20, 10), "schema.png");
      const thread = await request(t.app).get(`/api/messaging/conversations/${id}`).set(as(pro));
      const inThread = thread.body.messages.at(-1).attachments[0] as Attachment;
      expect(inThread).toMatchObject({ id: file.id, filename: "schema.png", contentType: "image/png", size: file.size, width: 20, height: 10 });
      const list = await request(t.app).get("/api/messaging/messages").set(as(pro)).query({ filter: JSON.stringify({ conversationId: id }) });
      expect(list.body.at(-1).attachments[0]).toMatchObject({ id: file.id, filename: "schema.png" });
      const one = await request(t.app).get(`/api/messaging/messages/${list.body.at(-1).id}`).set(as(pro));
      expect(one.body.attachments[0].id).toBe(file.id);
      const created = events.find((event) => event.type === "message.created") as MessagingEvent & { data: { message: { attachments: Attachment[] } } };
      expect(created.data.message.attachments[0]).toMatchObject({ id: file.id, filename: "schema.png" });
      // Links signed by PostgreSQL (the thread) and by JavaScript (the answer, the event) work alike.
      for (const url of [inThread.url, inThread.thumbnailUrl!, created.data.message.attachments[0].url]) expect((await request(t.app).get(url)).status).toBe(200);
    });

    it("a conversation started with files (multipart) has them in its first message", async () => {
      const res = await request(t.app).post("/api/messaging/conversations").set(as(pro))
        .field("subject", "Ma facture").field("content", "").attach("files", await png(), "facture.png").attach("files", Buffer.from("a;b\n"), "lignes.csv");
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.messages[0].attachments.map((file: Attachment) => file.filename)).toEqual(["facture.png", "lignes.csv"]);
      expect(res.body.lastMessagePreview).toBe("📎 facture.png, lignes.csv");
      // An admin starts one with a pro the same way (ids as form fields).
      const started = await request(t.app).post("/api/messaging/conversations").set(as(admin))
        .field("subject", "Document").field("content", "Ci-joint").field("professionalId", String(pro.id)).attach("files", Buffer.from("%PDF-1.4\n%%EOF\n"), "doc.pdf");
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      expect(started.body.professionalId).toBe(pro.id);
    });
  });

  describe("signed links", () => {
    it("work without a header; a tampered or expired one → 403", async () => {
      const id = await ticket();
      const file = await attach(pro, id, Buffer.from("contenu"), "a.txt");
      expect((await request(t.app).get(file.url)).status).toBe(200);
      const tampered = file.url.replace(/signature=(.)/, (_, first: string) => `signature=${first === "A" ? "B" : "A"}`);
      expect((await request(t.app).get(tampered)).status).toBe(403);
      // Another attachment's signature does not open this one.
      expect((await request(t.app).get(file.url.replace(`/attachments/${file.id}?`, `/attachments/${file.id + 1}?`))).status).toBe(403);
      // The file's signature does not open the thumbnail.
      expect((await request(t.app).get(file.url.replace("?", "/thumbnail?"))).status).toBe(403);
      const links = attachmentLinks(testSettings.jwtSecret);
      const expired = await request(t.app).get(links.url(file.id, "file", new Date(Date.now() - 11 * 60_000)));
      expect(expired.status).toBe(403);
      expect(expired.body.code).toBe("link_expired");
      expect((await request(t.app).get(links.url(file.id, "file", new Date(Date.now() - 9 * 60_000)))).status).toBe(200);
      expect((await request(t.app).get(`/api/attachments/${file.id}?expires=99999999999`)).status).toBe(403);
    });
  });

  describe("headers", () => {
    it("answer the sniffed type, nosniff, a sandbox, the UTF-8 name, an ETag and ranges", async () => {
      const id = await ticket();
      const content = Buffer.from("%PDF-1.4\n" + "x".repeat(100) + "\n%%EOF\n");
      const file = await attach(pro, id, content, "Facture été.pdf");
      const res = await request(t.app).get(file.url).responseType("blob");
      expect(res.headers["content-type"]).toBe("application/pdf");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["content-security-policy"]).toBe("sandbox");
      expect(res.headers["content-disposition"]).toBe(`attachment; filename="Facture ?t?.pdf"; filename*=UTF-8''Facture%20%C3%A9t%C3%A9.pdf`);
      expect(res.headers["accept-ranges"]).toBe("bytes");
      expect(Number(res.headers["content-length"])).toBe(content.length);
      const etag = res.headers.etag;
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      expect((await request(t.app).get(file.url).set("If-None-Match", etag)).status).toBe(304);

      const part = await request(t.app).get(file.url).set("Range", "bytes=0-7").responseType("blob");
      expect(part.status).toBe(206);
      expect(part.headers["content-range"]).toBe(`bytes 0-7/${content.length}`);
      expect((part.body as Buffer).toString()).toBe("%PDF-1.4");
      const tail = await request(t.app).get(file.url).set("Range", "bytes=-6").responseType("blob");
      expect((tail.body as Buffer).toString()).toBe("%%EOF\n");
      // Bytes are the only unit: another is ignored, the whole file sent.
      const bits = await request(t.app).get(file.url).set("Range", "bits=0-7").responseType("blob");
      expect([bits.status, bits.headers["content-range"], (bits.body as Buffer).length]).toEqual([200, undefined, content.length]);
      const outside = await request(t.app).get(file.url).set("Range", `bytes=${content.length + 10}-`);
      expect(outside.status).toBe(416);
      expect(outside.headers["content-range"]).toBe(`bytes */${content.length}`);

      const image = await attach(pro, id, await png(), "capture.png");
      const shown = await request(t.app).get(image.url);
      expect(shown.headers["content-disposition"]).toBe("inline; filename=capture.png");
    });

    it("a thumbnail keeps none of the photo's EXIF", async () => {
      const id = await ticket();
      const photo = await jpegWithExif();
      expect((await sharp(photo).metadata()).exif).toBeDefined();
      const file = await attach(pro, id, photo, "photo.jpg");
      expect(file).toMatchObject({ contentType: "image/jpeg", width: 800, height: 600 });
      const thumbnail = await request(t.app).get(file.thumbnailUrl!).responseType("blob");
      const facts = await sharp(thumbnail.body as Buffer).metadata();
      expect(facts.exif).toBeUndefined();
      expect(Math.max(facts.width!, facts.height!)).toBeLessThanOrEqual(480);
      expect(Buffer.from(thumbnail.body as Buffer).includes(Buffer.from("SecretCam"))).toBe(false);
    });
  });

  describe("nothing half-written", () => {
    it("a message that is not written (another pro's conversation) leaves no file", async () => {
      const id = await ticket(otherPro);
      const before = await storedKeys(t.storage);
      const res = await post(pro, id, [[await png(), "capture.png"]]);
      expect(res.status).toBe(404);
      expect(await storedKeys(t.storage)).toEqual(before);
    });

    it("a write that fails in the database removes the files it stored", async () => {
      const id = await ticket();
      const before = await storedKeys(t.storage);
      // The message's statement fails after its files are stored: a trigger refuses the attachment rows.
      await t.prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_attachment() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql`);
      await t.prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_attachment BEFORE INSERT ON "Attachment" FOR EACH ROW EXECUTE FUNCTION refuse_attachment()`);
      try {
        const res = await post(pro, id, [[await png(), "capture.png"]]);
        expect(res.status).toBe(500);
      } finally {
        await t.prisma.$executeRawUnsafe(`DROP TRIGGER refuse_attachment ON "Attachment"`);
      }
      expect(await storedKeys(t.storage)).toEqual(before);
      expect(await t.prisma.message.count({ where: { conversationId: id } })).toBe(1);
    });

    it("an upload cut off midway leaves nothing, and the API goes on serving", async () => {
      const id = await ticket();
      const before = await storedKeys(t.storage);
      const server = await listening(t.app);
      try {
        const boundary = "----cut";
        const head = `--${boundary}\r\nContent-Disposition: form-data; name="content"\r\n\r\nCoupé\r\n--${boundary}\r\n` +
          `Content-Disposition: form-data; name="files"; filename="gros.png"\r\nContent-Type: image/png\r\n\r\n`;
        await new Promise<void>((resolve) => {
          const req = httpRequest(`${server.base}/api/messaging/conversations/${id}/messages`, {
            method: "POST",
            headers: { Authorization: t.bearer(pro), "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": "150000" },
          });
          req.on("error", () => resolve());
          req.write(head);
          req.write(Buffer.alloc(50_000, 1), () => setTimeout(() => { req.destroy(); resolve(); }, 100));
        });
        await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        await server.close();
      }
      expect(await storedKeys(t.storage)).toEqual(before);
      expect(await t.prisma.message.count({ where: { conversationId: id } })).toBe(1);
      expect((await post(pro, id, [[await png(), "ensuite.png"]])).status).toBe(201);
    });

    it("the sweep removes stored files no attachment refers to, and only those", async () => {
      const id = await ticket();
      const file = await attach(pro, id, await png(), "garde.png");
      await t.storage.put("or/orphan-file", Buffer.from("orphan"), "text/plain");
      const row = await t.prisma.attachment.findUniqueOrThrow({ where: { id: file.id } });
      const removed = await t.sweep(new Date(Date.now() + 60_000));
      expect(removed).toBeGreaterThanOrEqual(1);
      const keys = await storedKeys(t.storage);
      expect(keys).not.toContain("or/orphan-file");
      expect(keys).toContain(row.storageKey);
      expect(keys).toContain(row.thumbnailKey);
      // Younger than the cutoff: kept, whatever refers to it.
      await t.storage.put("yo/young-file", Buffer.from("young"), "text/plain");
      await t.sweep(new Date(Date.now() - 3600_000));
      expect(await storedKeys(t.storage)).toContain("yo/young-file");
    });
  });

  it("the CSV export counts each ticket's files", async () => {
    const id = await ticket();
    await attach(pro, id, await png(), "un.png");
    await post(pro, id, [[Buffer.from("a"), "deux.txt"], [Buffer.from("b"), "trois.txt"]]);
    const csv = await request(t.app).get("/api/messaging/conversations/export.csv").set(as(admin)).query({ filter: JSON.stringify({ id: [id] }) });
    const [header, line] = csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(header.split(",").at(-1)).toBe("attachments");
    expect(line.split(",").at(-1)).toBe("3");
  });
});
