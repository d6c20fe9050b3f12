import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedInHome, runCli, startEmulator, type CliHome, type Emulator } from "../test-support/credentialCommandsHome.js";
import { FAST_ALIASES, FAST_COMMANDS } from "./commands.js";

const manifest = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../oclif.manifest.json"), "utf8")) as {
  commands: Record<string, { flags: Record<string, { type: "option" | "boolean"; char?: string; options?: string[]; exclusive?: string[] }>; aliases: string[] }>;
};

describe("the fast path's flags are the oclif commands' flags", () => {
  it.each(Object.keys(FAST_COMMANDS))("%s: every flag is handled with the same name, character, kind and choices, or sent to oclif", (id) => {
    const fast = FAST_COMMANDS[id]!;
    const oclif = manifest.commands[id]!.flags;
    expect(Object.keys(oclif).sort()).toEqual([...Object.keys(fast.flags), ...fast.fallbackFlags].sort());
    for (const [name, def] of Object.entries(fast.flags)) {
      expect({ name, type: def.type, char: def.char, options: def.options ? [...def.options] : undefined }).toEqual({
        name,
        type: oclif[name]!.type === "option" ? "string" : "boolean",
        char: oclif[name]!.char,
        options: oclif[name]!.options,
      });
    }
    // oclif's exclusive flags are the table's (so the fast path steps aside for them, as oclif refuses them).
    for (const [name, def] of Object.entries(oclif)) expect([name, [...(fast.exclusive?.[name] ?? [])]]).toEqual([name, def.exclusive ?? []]);
  });
  it("bin/run.js sends exactly the table's commands and aliases to the fast path", () => {
    const runJs = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../bin/run.js"), "utf8");
    const words = JSON.parse(/if \((\[[^\]]*\])\.includes\(argv\[0\]\)/.exec(runJs)![1]!) as string[];
    expect(words.sort()).toEqual([...Object.keys(FAST_COMMANDS), ...Object.keys(FAST_ALIASES)].sort());
  });
  it("aliases are oclif's", () => {
    for (const [alias, id] of Object.entries(FAST_ALIASES)) expect(manifest.commands[id]!.aliases).toContain(alias);
  });
});

describe("a cache hit on the fast path loads neither oclif nor the AWS SDK", () => {
  let emu: Emulator;
  let home: CliHome;
  let probe: string;
  let list: string;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, autoApprove: true });
    home = await loggedInHome(emu);
    probe = join(home.home, "probe.cjs");
    list = join(home.home, "modules.txt");
    // Records every module file resolved (ESM and CommonJS) and the builtins loaded, when the process exits. A CommonJS
    // probe: an ESM one would itself load what it looks for (importing node:fs evaluates fs.promises and the streams).
    writeFileSync(
      probe,
      `const seen = [];
require("node:module").registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); seen.push(r.url); return r; } });
process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(list)}, [...seen, ...process.moduleLoadList].join("\\n")));`,
    );
  }, 60_000);
  afterAll(async () => {
    await home?.cleanup();
    await emu?.close();
  });

  async function loaded(args: string[]): Promise<string[]> {
    const r = await runCli(args, { ...home.env, NODE_OPTIONS: `--require=${probe}` });
    expect(r.code, r.stderr).toBe(0);
    return readFileSync(list, "utf8").split("\n");
  }
  const framework = (mods: string[]) => mods.filter((m) => /@oclif|@aws-sdk|@smithy|\/ora\/|\/open\//.test(m));
  const heavyBuiltins = (mods: string[]) => mods.filter((m) => ["NativeModule crypto", "NativeModule fs/promises", "NativeModule worker_threads", "NativeModule stream"].includes(m));
  // What the SDK's HTTP handler brings in: bundled into lazy chunks, it shows as these builtins.
  const network = (mods: string[]) => mods.filter((m) => ["NativeModule http", "NativeModule https", "NativeModule http2", "NativeModule tls"].includes(m));

  it("sso env, sso status and sso use: no framework, no SDK, none of crypto, fs/promises, worker_threads, streams", async () => {
    // The probe sees the SDK when it is loaded: a miss fetches with the SDK's client, from the bundle's lazy chunks.
    const miss = await loaded(["env", "--profile", "dev"]);
    expect(network(miss)).toContain("NativeModule http");
    expect(framework(miss)).toEqual([]);
    for (const args of [["env", "--profile", "dev"], ["status", "--profile", "dev"], ["whoami"], ["use", "--shell", "bash", "dev"]]) {
      const hit = await loaded(args);
      expect(hit.some((m) => m.endsWith("/dist/hot/main.js"))).toBe(true);
      expect(framework(hit)).toEqual([]);
      expect(heavyBuiltins(hit), args.join(" ")).toEqual([]);
      expect(network(hit)).toEqual([]);
    }
  });

  it("sso exec: no framework and no SDK; help and the other commands are oclif's", async () => {
    const hit = await loaded(["exec", "--profile", "dev", "--", process.execPath, "-e", ""]);
    expect(framework(hit)).toEqual([]);
    expect(network(hit)).toEqual([]);
    expect(framework(await loaded(["env", "--help"]))).not.toEqual([]);
    expect(framework(await loaded(["status", "--json"]))).not.toEqual([]);
  });
});
