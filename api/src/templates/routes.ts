import { Router } from "express";
import { z } from "zod";
import { actorOf, requireAdmin } from "../http/actor.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { idParam, setContentRange } from "../http/simpleRest.ts";
import type { Operation } from "../openapi/document.ts";
import { createTemplateSchema, listTemplatesQuery, renderTemplateSchema, templateJsonSchema, updateTemplateSchema } from "./schemas.ts";
import { templatesService } from "./service.ts";

/** `/templates` in the simple-rest protocol, with delete; admins only. */
export function templatesRoutes(prisma: PrismaClient) {
  const router = Router();
  const templates = templatesService(prisma);
  router.use("/templates", requireAdmin);

  router.get("/templates", async (req, res) => {
    const query = listTemplatesQuery.parse(req.query);
    const { total, rows } = await templates.list(query);
    setContentRange(res, "templates", query.range.skip, rows.length, total);
    res.json(rows);
  });

  router.get("/templates/:id", async (req, res) => {
    res.json(await templates.get(idParam.parse(req.params).id));
  });

  router.post("/templates", async (req, res) => {
    res.status(201).json(await templates.create(createTemplateSchema.parse(req.body)));
  });

  router.put("/templates/:id", async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.json(await templates.update(id, updateTemplateSchema.parse(req.body)));
  });

  router.delete("/templates/:id", async (req, res) => {
    res.json(await templates.remove(idParam.parse(req.params).id));
  });

  router.post("/templates/:id/render", async (req, res) => {
    const { id } = idParam.parse(req.params);
    const { conversationId } = renderTemplateSchema.parse(req.body);
    res.json(await templates.render(actorOf(res), id, conversationId));
  });

  return router;
}

const invalid = { 400: { description: "An unknown variable or broken braces (named in the message)" } };
const shortcutTaken = { 409: { description: "Another template already has this shortcut" } };

export const templatesOperations: Operation[] = [
  {
    method: "get", path: "/api/templates", tag: "Templates", summary: "List reply templates", access: "admin",
    query: listTemplatesQuery,
    responses: { 200: { description: "A page of templates", schema: z.array(templateJsonSchema), headers: { "Content-Range": "`templates <first>-<last>/<total>`" } } },
  },
  {
    method: "get", path: "/api/templates/:id", tag: "Templates", summary: "A reply template", access: "admin",
    responses: { 200: { description: "The template", schema: templateJsonSchema } },
  },
  {
    method: "post", path: "/api/templates", tag: "Templates", summary: "Create a reply template", access: "admin",
    body: createTemplateSchema,
    responses: { 201: { description: "The template", schema: templateJsonSchema }, ...invalid, ...shortcutTaken },
  },
  {
    method: "put", path: "/api/templates/:id", tag: "Templates", summary: "Change a reply template", access: "admin",
    body: updateTemplateSchema,
    responses: { 200: { description: "The template", schema: templateJsonSchema }, ...invalid, ...shortcutTaken },
  },
  {
    method: "delete", path: "/api/templates/:id", tag: "Templates", summary: "Delete a reply template", access: "admin",
    responses: { 200: { description: "The deleted template", schema: templateJsonSchema } },
  },
  {
    method: "post", path: "/api/templates/:id/render", tag: "Templates", summary: "Fill a template for a ticket", access: "admin",
    description: "Replaces every variable with the ticket's values (the pro's, the calling admin's) and counts a use. The text stays the admin's to edit before sending.",
    body: renderTemplateSchema,
    responses: { 200: { description: "The filled text", schema: z.object({ content: z.string() }) } },
  },
];
