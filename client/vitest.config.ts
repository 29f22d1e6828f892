import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // fetch-event-source reads `window` (its fetch and timers).
    environment: "jsdom",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    testTimeout: 20_000,
  },
});
