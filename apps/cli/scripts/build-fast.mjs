// The fast path (src/fast/main.ts) as one bundled ESM file, dist/hot/main.js: core's code inlined and tree-shaken,
// the AWS SDK clients split into chunks loaded only on a cache miss (as sso-credential-process is built).
import { build } from "esbuild";
import { rmSync } from "node:fs";

const outdir = new URL("../dist/hot", import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: new URL("../src/fast/main.ts", import.meta.url).pathname },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  mainFields: ["module", "main"],
  target: "node22",
  minify: true,
  legalComments: "none",
  chunkNames: "chunks/[name]-[hash]",
  banner: { js: "const require=process.getBuiltinModule('node:module').createRequire(import.meta.url);" },
  logLevel: "warning",
});
