// The fast path (src/fast/main.ts) as one bundled ESM file, dist/hot/main.js, built as sso-credential-process is.
import { buildHotBundle } from "../../../scripts/hotBundle.mjs";

await buildHotBundle({
  entryPoints: { main: new URL("../src/fast/main.ts", import.meta.url).pathname },
  outdir: new URL("../dist/hot", import.meta.url).pathname,
});
