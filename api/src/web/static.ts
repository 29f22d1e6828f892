import { Router } from "express";
import expressStaticGzip from "express-static-gzip";
import { existsSync } from "node:fs";
import type { ServerResponse } from "node:http";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");

/** Vite's hashed file names change with their content: cache them for a year; everything else is revalidated. */
function cacheHeaders(res: ServerResponse, file: string) {
  const hashed = file.split(path.sep).includes("assets");
  res.setHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
}

/**
 * Serves a built single-page app: files pre-compressed at build time (Brotli, gzip) as the browser accepts them,
 * index.html for client-side routes — but a missing asset is a 404, never the HTML page in its place.
 */
export function spa(dist: string): Router {
  const router = Router();
  if (!existsSync(path.join(dist, "index.html"))) {
    router.use((_req, res) => {
      res.status(503).type("text/plain").send(`Not built yet: run npm run build (missing ${path.relative(root, dist)})`);
    });
    return router;
  }
  router.use(
    expressStaticGzip(dist, {
      enableBrotli: true,
      orderPreference: ["br", "gz"],
      index: false,
      serveStatic: { index: false, setHeaders: cacheHeaders },
    }),
  );
  router.use("/assets", (_req, res) => {
    res.status(404).type("text/plain").send("Not found");
  });
  router.get("/{*splat}", (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(path.join(dist, "index.html"));
  });
  return router;
}

export const adminApp = () => spa(path.join(root, "admin", "dist"));
export const portalApp = () => spa(path.join(root, "portal", "dist"));
