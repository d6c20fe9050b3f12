import { defineConfig } from "vitest/config";

// Integration tests start python3, Chromium and child processes: generous limits for a loaded 2-core machine.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
