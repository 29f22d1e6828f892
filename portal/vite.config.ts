import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Served by the API at / with an SPA fallback, so /messagerie and /login deep links load index.html.
export default defineConfig({
  base: "/",
  plugins: [react()],
  // React, MUI and the router make one ~190 kB (gzip) chunk; with two screens there is nothing worth splitting off.
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: {
    proxy: { "/api": "http://localhost:3000" },
  },
});
