import express, { Router } from "express";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");

/** Serves a built single-page app, answering its index.html for client-side routes. */
function spa(dist: string): Router {
  const router = Router();
  if (!existsSync(path.join(dist, "index.html"))) {
    router.use((_req, res) => {
      res.status(503).type("text/plain").send(`Not built yet: run npm run build (missing ${path.relative(root, dist)})`);
    });
    return router;
  }
  router.use(express.static(dist, { index: false, maxAge: "1h", immutable: false }));
  router.get("/{*splat}", (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(path.join(dist, "index.html"));
  });
  return router;
}

export const adminApp = () => spa(path.join(root, "admin", "dist"));
export const portalApp = () => spa(path.join(root, "portal", "dist"));
