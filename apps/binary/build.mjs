// Builds the standalone `sso` (dist/sso, linux-x64) as a Node single executable application: an esbuild CommonJS
// bundle of src/sea.ts (the SEA runtime runs CommonJS only; the shim and the CLI's fast path) as its main script, the
// full CLI (src/cli.ts) as an asset with its own code cache, a SEA blob with V8's code cache, injected with postject
// into a stripped copy of the Node that runs this script. dist/sso-credential-process is a symlink to it (the shim's
// name). `./dev binary` runs this; the binary is a build output, never committed.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const require = createRequire(import.meta.url);
const cliDir = dirname(require.resolve("@sso-creds/cli/package.json"));

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);

// sea:commands: the CLI's package.json, and every module oclif would load from the package's files (the command
// classes, from the manifest oclif itself wrote; the help class; the hooks), bundled and keyed by their path.
const manifest = JSON.parse(readFileSync(join(cliDir, "oclif.manifest.json"), "utf8"));
const pkg = JSON.parse(readFileSync(join(cliDir, "package.json"), "utf8"));
const ids = Object.keys(manifest.commands);
const files = [pkg.oclif.helpClass, ...Object.values(pkg.oclif.hooks ?? {}).flat()].filter(Boolean).map((f) => f.replace(/^\.\//, ""));
const commandsModule = [
  ...ids.map((id, i) => `import * as c${i} from ${JSON.stringify(join(cliDir, ...manifest.commands[id].relativePath))};`),
  ...files.map((f, i) => `import * as f${i} from ${JSON.stringify(join(cliDir, f))};`),
  // A command module's class is its default export, or else its one exported Command subclass (oclif's own search).
  `const pick = (m) => (typeof m.default === "function" ? m.default : Object.values(m).find((v) => typeof v === "function" && typeof v.run === "function"));`,
  `const commands = { ${ids.map((id, i) => `${JSON.stringify(id)}: pick(c${i})`).join(", ")} };`,
  `export const modules = { "sea-commands.js": { commands }, ${files.map((f, i) => `${JSON.stringify(f)}: f${i}`).join(", ")} };`,
  // Plugins are packages oclif would find in node_modules: the binary has none (shell completion comes with npm).
  `export const pjson = ${JSON.stringify({ ...pkg, oclif: { ...pkg.oclif, plugins: [], commands: { strategy: "explicit", target: "./sea-commands.js", identifier: "commands" } } })};`,
].join("\n");

// oclif loads those modules by path (module-loader's load and loadWithData): first ask the bundle's table.
const moduleLoaderPatch = `
const __seaFind = (p) => globalThis.__seaModules?.[String(p).replace(globalThis.__seaRoot + "/", "").replace(/^\\.\\//, "")];
const __seaLoad = exports.load;
exports.load = async (config, p) => __seaFind(p) ?? __seaLoad(config, p);
const __seaLoadWithData = exports.loadWithData;
exports.loadWithData = async (config, p) => { const m = __seaFind(p); return m ? { filePath: p, isESM: true, module: m } : __seaLoadWithData(config, p); };
`;

// Both bundles: CommonJS (the SEA runtime runs CommonJS only), minified. ES modules in them that ask for
// import.meta.url get the binary's own location.
const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node24",
  mainFields: ["module", "main"],
  minify: true,
  legalComments: "none",
  define: { "import.meta.url": "__seaImportMetaUrl" },
  banner: { js: `var __seaImportMetaUrl = require("node:url").pathToFileURL(process.execPath).href;` },
  logLevel: "warning",
};
// The entry (the SEA's main script): the shim and the CLI's fast path, nothing of oclif.
await build({ ...common, entryPoints: [join(here, "src/sea.ts")], outfile: join(dist, "sea.cjs") });
// The full CLI, a SEA asset the entry evaluates when its hot path does not answer.
await build({
  ...common,
  entryPoints: [join(here, "src/cli.ts")],
  outfile: join(dist, "cli.cjs"),
  plugins: [
    {
      name: "sea-commands",
      setup(b) {
        b.onResolve({ filter: /^sea:commands$/ }, () => ({ path: "sea:commands", namespace: "sea" }));
        b.onLoad({ filter: /.*/, namespace: "sea" }, () => ({ contents: commandsModule, resolveDir: cliDir, loader: "js" }));
        b.onLoad({ filter: /@oclif[\\/]core[\\/]lib[\\/]module-loader\.js$/ }, (args) => ({ contents: readFileSync(args.path, "utf8") + moduleLoaderPatch, loader: "js" }));
      },
    },
  ],
});
// V8's code cache for the asset, made by this Node (the one the binary is a copy of) over the exact wrapped source
// loadCliAsset.ts compiles; the SEA's own useCodeCache covers only the main script.
const { CLI_WRAPPER, CLI_FILENAME } = await import("./src/loadCliAsset.ts");
{
  const source = readFileSync(join(dist, "cli.cjs"), "utf8");
  const script = new vm.Script(`${CLI_WRAPPER[0]}${source}${CLI_WRAPPER[1]}`, { filename: CLI_FILENAME });
  writeFileSync(join(dist, "cli.cache"), script.createCachedData());
}

const seaConfig = join(dist, "sea-config.json");
writeFileSync(
  seaConfig,
  JSON.stringify({
    main: join(dist, "sea.cjs"),
    output: join(dist, "sea-prep.blob"),
    disableExperimentalSEAWarning: true,
    useCodeCache: true,
    assets: { "cli.cjs": join(dist, "cli.cjs"), "cli.cache": join(dist, "cli.cache") },
  }),
);
execFileSync(process.execPath, ["--experimental-sea-config", seaConfig], { stdio: ["ignore", "ignore", "inherit"] });
process.stderr.write("injecting the blob with postject (it warns about notes in the stripped binary: harmless)\n");

// The Node binary without its symbols (about 15 MB less); a plain copy where strip is missing.
const out = join(dist, "sso");
try {
  execFileSync("strip", ["-o", out, process.execPath], { stdio: "ignore" });
} catch {
  copyFileSync(process.execPath, out);
}
const { inject } = require("postject");
await inject(out, "NODE_SEA_BLOB", readFileSync(join(dist, "sea-prep.blob")), { sentinelFuse: "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2" });
chmodSync(out, 0o755);
symlinkSync("sso", join(dist, "sso-credential-process"));
rmSync(join(dist, "sea-prep.blob"));
process.stderr.write(`built ${out} (${(statSync(out).size / 1e6).toFixed(0)} MB, Node ${process.version})\n`);
