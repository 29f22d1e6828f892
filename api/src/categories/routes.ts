import { Router } from "express";
import { z } from "zod";
import { actorOf, requireAdmin } from "../http/actor.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { idParam, setContentRange } from "../http/simpleRest.ts";
import type { Operation } from "../openapi/document.ts";
import { categoryJsonSchema, createCategorySchema, listCategoriesQuery, updateCategorySchema } from "./schemas.ts";
import { categoriesService } from "./service.ts";

/** `/categories` in the simple-rest protocol (no delete: `PUT {active: false}` archives). */
export function categoriesRoutes(prisma: PrismaClient) {
  const router = Router();
  const categories = categoriesService(prisma);

  router.get("/categories", async (req, res) => {
    const query = listCategoriesQuery.parse(req.query);
    const { total, rows } = await categories.list(actorOf(res), query);
    setContentRange(res, "categories", query.range.skip, rows.length, total);
    res.json(rows);
  });

  router.get("/categories/:id", async (req, res) => {
    res.json(await categories.get(actorOf(res), idParam.parse(req.params).id));
  });

  router.post("/categories", requireAdmin, async (req, res) => {
    res.status(201).json(await categories.create(createCategorySchema.parse(req.body)));
  });

  router.put("/categories/:id", requireAdmin, async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.json(await categories.update(id, updateCategorySchema.parse(req.body)));
  });

  return router;
}

const conflict = { 409: { description: "A category with this name already exists (case does not count)" } };

export const categoriesOperations: Operation[] = [
  {
    method: "get", path: "/api/categories", tag: "Categories", summary: "List categories",
    description: "A pro sees only active ones.",
    query: listCategoriesQuery,
    responses: { 200: { description: "A page of categories", schema: z.array(categoryJsonSchema), headers: { "Content-Range": "`categories <first>-<last>/<total>`" } } },
  },
  {
    method: "get", path: "/api/categories/:id", tag: "Categories", summary: "A category",
    responses: { 200: { description: "The category (an archived one answers 404 to a pro)", schema: categoryJsonSchema } },
  },
  {
    method: "post", path: "/api/categories", tag: "Categories", summary: "Create a category", access: "admin",
    body: createCategorySchema,
    responses: { 201: { description: "The category", schema: categoryJsonSchema }, ...conflict },
  },
  {
    method: "put", path: "/api/categories/:id", tag: "Categories", summary: "Rename, describe, archive or restore a category", access: "admin",
    body: updateCategorySchema,
    responses: { 200: { description: "The category", schema: categoryJsonSchema }, ...conflict },
  },
];
