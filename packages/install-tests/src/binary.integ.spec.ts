// The standalone `sso` binary (apps/binary, `./dev binary`) on a machine without Node: every `node` on this machine
// is hidden (a private mount namespace binds /dev/null over each, and PATH has no Node directory), then the binary
// logs in against the emulator, runs `exec`, and serves the real AWS CLI v2 as its credential_process, under its own
// name (`sso credential-process`) and under the shim's (`sso-credential-process`, a symlink to it).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bins, emulatorConfig, ok, root, run, startEmulatorBin } from "./support.js";

const distDir = join(root, "apps/binary/dist");
const binary = join(distDir, "sso");
const home = mkdtempSync(join(tmpdir(), "sso-binary-home-"));
let emulator: Awaited<ReturnType<typeof startEmulatorBin>> | undefined;

/** Every `node` executable here: on PATH, in the usual places, and the project's own under .tools. */
function nodeExecutables(): string[] {
  const found = new Set<string>();
  const consider = (p: string) => {
    if (existsSync(p)) found.add(realpathSync(p));
  };
  for (const dir of [...(process.env.PATH ?? "").split(delimiter), "/usr/bin", "/usr/local/bin", "/bin"]) if (dir) consider(join(dir, "node"));
  const tools = join(root, ".tools");
  if (existsSync(tools)) for (const rel of readdirSync(tools, { recursive: true })) if (String(rel).endsWith("/bin/node")) consider(join(tools, String(rel)));
  consider(process.execPath);
  return [...found];
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs argv where no node exists: a private mount namespace with /dev/null over every node, PATH without them. */
function withoutNode(argv: string[], extraEnv: Record<string, string> = {}) {
  const hide = nodeExecutables().map((p) => `mount --bind /dev/null ${quote(p)}`).join(" && ");
  const path = [distDir, ...(process.env.PATH ?? "").split(delimiter).filter((d) => d && !d.includes("node_modules") && !d.includes(".tools")), "/usr/bin", "/bin"].join(delimiter);
  return run("unshare", ["-m", "--propagation", "private", "--", "/bin/sh", "-c", `${hide} && exec "$@"`, "sh", ...argv], {
    env: {
      PATH: path,
      HOME: home,
      LANG: "C.UTF-8",
      AWS_ENDPOINT_URL_SSO: emulator!.url,
      AWS_ENDPOINT_URL_SSO_OIDC: emulator!.url,
      AWS_ENDPOINT_URL_STS: emulator!.url,
      AWS_EC2_METADATA_DISABLED: "true",
      ...extraEnv,
    },
  });
}

beforeAll(async () => {
  // The same command `./dev binary` runs.
  execFileSync(process.execPath, [join(root, "apps/binary/build.mjs")], { stdio: ["ignore", "ignore", "pipe"], timeout: 240_000 });
  emulator = await startEmulatorBin(process.execPath, [bins["sso-emulator"]], process.env);
  mkdirSync(join(home, ".aws"), { mode: 0o700 });
  writeFileSync(
    join(home, ".aws/config"),
    `${emulatorConfig(emulator)}
[profile cp-sso]
credential_process = sso credential-process --profile demo-ro
region = ${emulator.region}
`,
    { mode: 0o600 },
  );
}, 300_000);

afterAll(() => {
  emulator?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe("the standalone sso binary, with no node anywhere", () => {
  it("is a build output of ./dev binary, not committed", () => {
    expect(statSync(binary).size).toBeGreaterThan(50e6);
    expect(ok(run("git", ["ls-files", "apps/binary/dist"], { cwd: root, env: process.env }), "git ls-files")).toBe("");
  });

  it("really has no node: the namespace hides every one", () => {
    const r = withoutNode(["/bin/sh", "-c", "command -v node; node --version"]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe("");
  });

  it("sso --version, sso login, sso exec -- aws sts get-caller-identity", () => {
    expect(ok(withoutNode(["sso", "--version"]), "sso --version")).toMatch(/^@sso-creds\/cli\/\S+ linux-x64 node-v24\./);
    ok(withoutNode(["sso", "login", "--profile", "demo", "--use-device-code", "--no-browser"]), "sso login");
    const who = JSON.parse(ok(withoutNode(["sso", "exec", "--profile", "demo", "--", "aws", "sts", "get-caller-identity"]), "sso exec")) as { Arn: string };
    expect(who.Arn).toMatch(/^arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_AdministratorAccess_/);
  });

  it("answers env, exec, status, use and credential-process from its entry: no full CLI, no SDK, no network on a cache hit", () => {
    // A CommonJS probe (NODE_OPTIONS works in the binary) records the SEA assets read (the full CLI is one) and, at
    // exit, the builtins loaded: the SDK's HTTP stack shows as http/https/http2/tls.
    const probe = join(home, "probe.cjs");
    const list = join(home, "probe.txt");
    writeFileSync(
      probe,
      `const sea = require("node:sea"), seen = [], get = sea.getAsset;
sea.getAsset = function (name, ...rest) { seen.push("asset " + name); return get.call(this, name, ...rest); };
process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(list)}, [...seen, ...process.moduleLoadList].join("\\n")));`,
    );
    const loaded = (argv: string[]) => {
      ok(withoutNode(argv, { NODE_OPTIONS: `--require=${probe}` }), argv.join(" "));
      return readFileSync(list, "utf8").split("\n").filter((m) => m.startsWith("asset ") || /^NativeModule (http|https|http2|tls)$/.test(m));
    };
    // The first run of the profile fetches (a miss): the SDK's client from the entry's own lazy modules.
    expect(loaded(["sso", "env", "--profile", "demo-ro"])).toContain("NativeModule http");
    for (const argv of [
      ["sso", "env", "--profile", "demo-ro"],
      ["sso", "exec", "--profile", "demo-ro", "--", "true"],
      ["sso", "status", "--profile", "demo-ro"],
      ["sso", "use", "--shell", "bash", "demo-ro"],
      ["sso", "credential-process", "--profile", "demo-ro"],
      ["sso-credential-process", "--profile", "demo-ro"],
    ]) expect(loaded(argv), argv.join(" ")).toEqual([]);
    // The entry script (what every start compiles) holds none of the framework: it is in the asset alone.
    expect(readFileSync(join(distDir, "sea.cjs"), "utf8")).not.toMatch(/oclif/);
    expect(readFileSync(join(distDir, "cli.cjs"), "utf8")).toMatch(/oclif/);
    // What the entry does not answer runs the full CLI, from its asset.
    expect(loaded(["sso", "env", "--help"]).filter((m) => m.startsWith("asset "))).toEqual(["asset cli.cjs", "asset cli.cache"]);
  });

  for (const [profile, how] of [["cp", "sso-credential-process (the symlink)"], ["cp-sso", "sso credential-process"]] as const) {
    it(`is the AWS CLI v2's credential_process as ${how}, and STS accepts what it hands out`, () => {
      // /usr/bin/aws is AWS CLI v2; export-credentials runs the profile's credential_process and prints the result.
      const out = ok(withoutNode(["/usr/bin/aws", "configure", "export-credentials", "--profile", profile, "--format", "process"]), `aws v2 --profile ${profile}`);
      const creds = JSON.parse(out) as { Version: number; AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
      expect(creds.Version).toBe(1);
      const who = JSON.parse(
        ok(
          withoutNode(["aws", "sts", "get-caller-identity"], {
            AWS_ACCESS_KEY_ID: creds.AccessKeyId,
            AWS_SECRET_ACCESS_KEY: creds.SecretAccessKey,
            AWS_SESSION_TOKEN: creds.SessionToken,
            AWS_DEFAULT_REGION: emulator!.region,
            AWS_CONFIG_FILE: "/dev/null",
          }),
          "aws sts with the exported credentials",
        ),
      ) as { Arn: string };
      expect(who.Arn).toMatch(/:assumed-role\/AWSReservedSSO_ReadOnlyAccess_/);
    });
  }

  it("a user error is one line, as from the npm-installed bins", () => {
    const r = withoutNode(["sso", "exec", "--profile", "nope", "--", "true"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^sso: The config profile nope could not be found/);
  });
});
