import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Served by the API at / with an SPA fallback, so /messagerie and /login deep links load index.html.
export default defineConfig({
  base: "/",
  plugins: [react()],
  // The login page is the first load (~153 kB gzip, npm run bench:bundle); the signed-in screens come in their own chunks.
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: {
    proxy: { "/api": "http://localhost:3000" },
  },
});
