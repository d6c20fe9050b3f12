import { defineConfig } from "vitest/config";

// These suites install packages, start a registry and build binaries: minutes, not seconds, on a loaded 2-core machine.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
