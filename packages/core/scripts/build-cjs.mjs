// The CommonJS half of the package (dist/cjs), after tsc wrote the ES module half (dist): one esbuild bundle of
// src/index.ts with every dependency left external (loaded with require, or import() where core loads an SDK lazily),
// plus a copy of tsc's declarations under a {"type":"commonjs"} package.json, so TypeScript reads them as the types
// of a CommonJS module (module: commonjs/node10 and nodenext from a .cts file). Both halves come from the same
// sources; a program that loads both gets two copies of core's module state (use one module system per program).
import { build } from "esbuild";
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";

const dist = new URL("../dist/", import.meta.url);
const cjs = new URL("cjs/", dist);
rmSync(cjs, { recursive: true, force: true });
mkdirSync(cjs, { recursive: true });
writeFileSync(new URL("package.json", cjs), '{\n  "type": "commonjs"\n}\n');
for (const file of readdirSync(dist, { recursive: true })) {
  if (file.endsWith(".d.ts") && !file.startsWith("cjs/")) cpSync(new URL(file, dist), new URL(file, cjs));
}
await build({
  entryPoints: [new URL("../src/index.ts", import.meta.url).pathname],
  outfile: new URL("index.js", cjs).pathname,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node22",
  packages: "external",
  logLevel: "warning",
});
