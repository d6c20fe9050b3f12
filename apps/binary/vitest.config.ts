import { defineConfig } from "vitest/config";

// The suite builds the binary (a bundle, a SEA blob, a 100 MB copy of Node) before it runs it.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
