// Bundles src/main.ts and src/post.ts into self-contained ESM files the Actions runner runs with its own Node.
// Deterministic on purpose: dist/ is committed and a test rebuilds into a temp dir and compares bytes.
import { build } from "esbuild";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = resolve(appDir, process.argv[2] ?? "dist");

await mkdir(outDir, { recursive: true });
await build({
  // Fixed working directory: esbuild's "// path" comments are relative to it, not to outdir.
  absWorkingDir: appDir,
  entryPoints: { main: "src/main.ts", post: "src/post.ts" },
  outdir: outDir,
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  // CommonJS dependencies (the AWS SDK) call require() for Node built-ins; ESM has none, so provide one.
  banner: { js: 'import { createRequire as __ssoCredsCreateRequire } from "node:module"; const require = __ssoCredsCreateRequire(import.meta.url);' },
  minify: true,
  // Licence notices of bundled packages go to dist/*.LEGAL.txt beside each bundle.
  legalComments: "external",
  sourcemap: false,
  metafile: false,
  logLevel: "warning",
});
// The published action repository has no package.json of its own; this one makes Node load dist/*.js as ESM.
await writeFile(join(outDir, "package.json"), JSON.stringify({ type: "module" }, null, 2) + "\n");
