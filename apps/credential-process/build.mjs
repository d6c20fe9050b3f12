// One bundled ESM file for the hot path; the AWS SDK clients become lazy chunks loaded only on a cache miss.
import { build } from "esbuild";
import { rmSync } from "node:fs";

rmSync(new URL("./dist", import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: "src/main.ts", "compile-cache": "src/compileCache.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  // The SDK's ES module builds: a lazily imported CommonJS chunk would only have a default export.
  mainFields: ["module", "main"],
  target: "node22",
  minify: process.env.SSO_CP_NO_MINIFY !== "1",
  sourcemap: false,
  legalComments: "none",
  chunkNames: "chunks/[name]-[hash]",
  // Some SDK dependencies are CommonJS and call require(): give the ESM bundle one.
  banner: { js: "const require=process.getBuiltinModule('node:module').createRequire(import.meta.url);" },
  logLevel: "warning",
});
