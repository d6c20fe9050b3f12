import { defineConfig } from "vitest/config";

// Every file serves the emulator on 127.0.0.1:443 (AWS CLI v2 has no endpoint override): one file at a time.
export default defineConfig({
  test: {
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
