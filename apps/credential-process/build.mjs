// One bundled ESM file for the hot path; the AWS SDK clients become lazy chunks loaded only on a cache miss.
import { buildHotBundle } from "../../scripts/hotBundle.mjs";

await buildHotBundle({
  entryPoints: { main: "src/main.ts", "compile-cache": "src/compileCache.ts" },
  outdir: new URL("./dist", import.meta.url).pathname,
  minify: process.env.SSO_CP_NO_MINIFY !== "1",
});
