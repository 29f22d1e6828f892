import type { Express } from "express";

type Layer = {
  rawPath?: string | string[];
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
};

export type AppRoute = { method: string; path: string };

/**
 * Every route the app serves, read from its routers (Express 5 / router 2 layers), with the paths they are mounted
 * under: what a new route adds is seen here without anyone listing it.
 */
export function routesOf(app: Express): AppRoute[] {
  const found: AppRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== "_all") found.push({ method, path: prefix + layer.route.path });
      } else if (layer.handle.stack) {
        const mount = typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : "";
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, "");
  return found;
}
