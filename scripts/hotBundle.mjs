// The esbuild settings of the short-lived bins' bundles (sso-credential-process, the sso CLI's fast path): one ESM
// file for the hot path with core inlined and tree-shaken, the AWS SDK clients split into chunks loaded only on a miss.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Build `entryPoints` into `outdir` (emptied first). */
export async function buildHotBundle({ entryPoints, outdir, minify = true }) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    // The SDK's ES module builds: a lazily imported CommonJS chunk would only have a default export.
    mainFields: ["module", "main"],
    target: "node22",
    minify,
    sourcemap: false,
    legalComments: "none",
    chunkNames: "chunks/[name]-[hash]",
    // Some SDK dependencies are CommonJS and call require(): give the ESM bundle one.
    banner: { js: "const require=process.getBuiltinModule('node:module').createRequire(import.meta.url);" },
    // https-proxy-agent (loaded only for an https:// proxy) logs through `debug`, which is CommonJS: bundling it
    // would put esbuild's CommonJS interop helpers into a chunk that every entry point (the cache hit too) imports.
    // The hot bins replace it with a silent ESM stub; its output (DEBUG=https-proxy-agent) is not part of our --debug.
    alias: { debug: fileURLToPath(new URL("./debugStub.mjs", import.meta.url)) },
    logLevel: "warning",
  });
}
