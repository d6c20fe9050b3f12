// Bundles the entry point and the caller-identity check into one self-contained file each: the image copies only these.
import { build } from "esbuild";
import { chmod, mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = resolve(appDir, process.argv[2] ?? "dist");
const entries = { entrypoint: "src/main.ts", "sso-whoami": "src/whoami.ts" };

await mkdir(outDir, { recursive: true });
await build({
  absWorkingDir: appDir,
  entryPoints: entries,
  outdir: outDir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  // The shebang lets `sso-whoami` run as a command; the AWS SDK's CommonJS parts need a require() in ESM.
  banner: {
    js: '#!/usr/bin/env node\nimport { createRequire as __ssoCredsCreateRequire } from "node:module"; const require = __ssoCredsCreateRequire(import.meta.url);',
  },
  minify: true,
  legalComments: "external",
  logLevel: "warning",
});
for (const name of Object.keys(entries)) await chmod(join(outDir, `${name}.mjs`), 0o755);
