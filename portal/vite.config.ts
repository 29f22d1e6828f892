import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Served by the API at / with an SPA fallback, so /messagerie and /login deep links load index.html.
export default defineConfig({
  base: "/",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
  server: {
    proxy: { "/api": "http://localhost:3000" },
  },
});
