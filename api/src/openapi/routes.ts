import { createRequire } from "node:module";
import path from "node:path";
import express, { Router } from "express";
import { z } from "zod";
import { openApiDocument, type Operation } from "./document.ts";

const swaggerUi = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

/** The reference page: Swagger UI's own files, pointed at the document by a script of ours (no inline script). */
const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Messagerie Pro-Admin — API</title>
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/start.js"></script>
  </body>
</html>`;
const start = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });`;

export const openApiOperations: Operation[] = [
  {
    method: "get", path: "/api/openapi.json", tag: "Reference", summary: "This document (OpenAPI 3.1)", access: "public",
    responses: { 200: { description: "The API's contract, generated from the schemas the routes validate with", schema: z.object({}).loose() } },
  },
  {
    method: "get", path: "/api/docs", tag: "Reference", summary: "A readable reference page of this document", access: "public",
    responses: { 200: { description: "HTML", contentType: "text/html", schema: z.string() } },
  },
  {
    method: "get", path: "/api/docs/start.js", tag: "Reference", summary: "The reference page's script (points Swagger UI at this document)", access: "public",
    responses: { 200: { description: "JavaScript", contentType: "text/javascript", schema: z.string() } },
  },
];

/** `GET /api/openapi.json` and the page at `/api/docs`, for the host platforms that integrate with the API. */
export function openApiRoutes(operations: Operation[], version: string) {
  const document = openApiDocument([...operations, ...openApiOperations], {
    title: "Messagerie Pro-Admin API",
    version,
    description:
      "Support conversations between professionals and the platform's admins. Lists follow ra-data-simple-rest " +
      "(`filter`, `sort`, `range` as JSON in the query; the total in `Content-Range`). Errors are JSON `{message, errors?}`.",
  });
  const json = JSON.stringify(document);
  const router = Router();
  router.get("/openapi.json", (_req, res) => void res.type("application/json").send(json));
  router.get("/docs", (_req, res) => void res.type("html").send(page));
  router.get("/docs/start.js", (_req, res) => void res.type("text/javascript").send(start));
  router.use("/docs", express.static(swaggerUi, { index: false, maxAge: "1d" }));
  return router;
}
