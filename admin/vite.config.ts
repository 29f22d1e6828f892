import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Served by the API at /admin (with an SPA fallback), so every asset URL carries that prefix.
export default defineConfig({
  base: "/admin/",
  plugins: [react()],
  // One bundle of ~360 kB gzipped (react-admin + MUI): fine for a back-office loaded once a day.
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: { "/api": "http://localhost:3000" },
  },
});
