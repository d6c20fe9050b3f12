// A release as it reaches a user: a local npm registry (verdaccio, loopback, empty storage), the packages published
// to it by the release path itself (`changeset version`, then `changeset publish`, which runs `pnpm publish`), then
// `npm install -g` into an empty prefix with an empty HOME on Node 22 and on Node 24, and the installed bins driven
// against an emulator that was itself installed from the registry. Third-party dependencies come from the usual
// registry; only the @sso-creds scope points at the local one, as `npm install --@sso-creds:registry=URL` does.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorConfig, freePort, machineNpmrc, nodes, npmCli, npxCli, ok, publishable, root, run, runAsync, startEmulatorBin, userPath } from "./support.js";

const work = mkdtempSync(join(tmpdir(), "sso-registry-"));
const npmCache = join(work, "npm-cache"); // shared by this run's installs only: the first one downloads for real
let registry: ChildProcess | undefined;
let url = "";
let emulator: Awaited<ReturnType<typeof startEmulatorBin>> | undefined;
let version = "";
const toolsPath = `${join(root, ".tools/node_modules/.bin")}:${process.env.PATH}`;

async function startRegistry(): Promise<void> {
  const port = await freePort();
  url = `http://127.0.0.1:${port}/`;
  const dir = join(work, "verdaccio");
  mkdirSync(join(dir, "storage"), { recursive: true });
  // No uplinks: the registry holds only what this run publishes.
  writeFileSync(
    join(dir, "config.yaml"),
    `storage: ${join(dir, "storage")}
auth:
  htpasswd:
    file: ${join(dir, "htpasswd")}
    max_users: 10
# JWT tokens: a legacy token makes verdaccio check the bcrypt password on every request (~0.7 s each here).
security:
  api:
    jwt:
      sign:
        expiresIn: 1h
uplinks: {}
packages:
  "@sso-creds/*":
    access: $all
    publish: $authenticated
  "**":
    access: $all
log: { type: stdout, format: pretty, level: warn }
`,
  );
  const bin = join(root, "packages/install-tests/node_modules/verdaccio/bin/verdaccio");
  registry = spawn(process.execPath, [bin, "--config", join(dir, "config.yaml"), "--listen", `127.0.0.1:${port}`], { stdio: "ignore" });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}-/ping`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("verdaccio did not start within 30 s");
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** npm refuses to publish without credentials: a user made through the registry's CouchDB-style endpoint. */
async function createUser(): Promise<string> {
  const res = await fetch(`${url}-/user/org.couchdb.user:release`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "release", password: "release-test-password" }),
  });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || !body.token) throw new Error(`verdaccio refused the user: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

/**
 * A copy of the workspace as a release checkout has it after `./dev setup` (sources, the built dist of each package,
 * the pending changesets), so versioning it changes nothing here. Workspace dependencies are linked the way pnpm
 * links them, which is what `pnpm publish` reads to turn `workspace:*` into the exact version.
 */
function stageRelease(): string {
  const stage = join(work, "release");
  // Not the 100 MB standalone binary either (apps/binary is not published).
  const skip = /(^|\/)(node_modules|\.turbo|\.tools|\.git|coverage|\.bench)(\/|$)|^\/apps\/binary\/dist(\/|$)/;
  cpSync(root, stage, { recursive: true, filter: (src) => !skip.test(src.slice(root.length)) });
  const manifests: Record<string, string> = {};
  for (const dir of ["packages", "apps"]) {
    for (const name of readdirSync(join(stage, dir))) {
      try {
        const pj = JSON.parse(readFileSync(join(stage, dir, name, "package.json"), "utf8")) as { name: string };
        manifests[pj.name] = join(stage, dir, name);
      } catch {
        // not a package
      }
    }
  }
  for (const pkgDir of Object.values(manifests)) {
    const pj = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as Record<string, Record<string, string>>;
    for (const [dep, spec] of Object.entries({ ...pj.dependencies, ...pj.devDependencies })) {
      if (!spec.startsWith("workspace:") || !manifests[dep]) continue;
      mkdirSync(join(pkgDir, "node_modules/@sso-creds"), { recursive: true });
      symlinkSync(manifests[dep]!, join(pkgDir, "node_modules", dep));
    }
  }
  const git = (...args: string[]) => ok(run("git", args, { cwd: stage, env: { ...process.env, GIT_AUTHOR_NAME: "release", GIT_AUTHOR_EMAIL: "release@example.com", GIT_COMMITTER_NAME: "release", GIT_COMMITTER_EMAIL: "release@example.com" } }), `git ${args[0]}`);
  writeFileSync(join(stage, ".gitignore"), "node_modules/\n");
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "release");
  return stage;
}

/**
 * What a user's `npm install -g` runs in: the machine's environment (its CA bundle and proxy settings) with an empty
 * HOME and prefix, `node` being the given one, and nothing of this test run's tools (no npm_*, pnpm, turbo, vitest,
 * NODE_OPTIONS or AWS_* variables).
 */
function userEnv(node: string, prefix: string, home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(npm_|pnpm_|PNPM_|TURBO_|VITEST|NODE_OPTIONS$|NODE_ENV$|AWS_|INIT_CWD$|TEST$|SSO_CREDS_)/i.test(k)) env[k] = v;
  }
  return {
    ...env,
    HOME: home,
    PATH: userPath([join(prefix, "bin"), join(node, "..")]),
    npm_config_globalconfig: machineNpmrc,
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
  };
}

/**
 * `npm install -g` from the registries. Metadata already in this run's (first empty) cache is trusted
 * (--prefer-offline) rather than revalidated package by package: the same packages, a minute saved.
 */
async function npmInstallGlobal(node: string, prefix: string, home: string, specs: string[]) {
  const t0 = Date.now();
  const r = await runAsync(node, [npmCli, "install", "-g", "--prefix", prefix, "--cache", npmCache, `--@sso-creds:registry=${url}`, "--loglevel=error", "--prefer-offline", ...specs], {
    env: userEnv(node, prefix, home),
    timeout: 300_000,
  });
  process.stderr.write(`[install-tests] npm install -g ${specs.join(" ")} (${node}): ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return r;
}

/** Runs f, telling on stderr how long it took (these steps are the suite's time). */
function timed<T>(what: string, f: () => T): T {
  const t0 = Date.now();
  try {
    return f();
  } finally {
    process.stderr.write(`[install-tests] ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
}

/**
 * What a user does after installing, with the installed bins only: `sso --version`, `sso login` against the
 * emulator, `sso exec -- aws sts get-caller-identity`, and the AWS CLI running the shim as a credential_process.
 * Throws at the first step that fails.
 */
function driveInstalled(node: { major: number; path: string }, prefix: string, home: string): void {
  const env = {
    ...userEnv(node.path, prefix, home),
    AWS_ENDPOINT_URL_SSO: emulator!.url,
    AWS_ENDPOINT_URL_SSO_OIDC: emulator!.url,
    AWS_ENDPOINT_URL_STS: emulator!.url,
  };
  const sso = join(prefix, "bin/sso");
  const out = ok(run(sso, ["--version"], { env }), "sso --version");
  expect(out).toMatch(new RegExp(`^@sso-creds/cli/${version.replace(/\./g, "\\.")} linux-x64 node-v${node.major}\\.`));
  mkdirSync(join(home, ".aws"), { mode: 0o700 });
  writeFileSync(join(home, ".aws/config"), emulatorConfig(emulator!), { mode: 0o600 });
  ok(run(sso, ["login", "--profile", "demo", "--use-device-code", "--no-browser"], { env }), "sso login");
  const who = JSON.parse(ok(run(sso, ["exec", "--profile", "demo", "--", "aws", "sts", "get-caller-identity"], { env }), "sso exec")) as { Arn: string; Account: string };
  expect(who.Account).toBe("111111111111");
  expect(who.Arn).toMatch(/:assumed-role\/AWSReservedSSO_AdministratorAccess_/);
  // The AWS CLI runs the installed shim from PATH (credential_process = sso-credential-process --profile demo-ro).
  const viaShim = JSON.parse(ok(run("aws", ["sts", "get-caller-identity", "--profile", "cp"], { env }), "aws --profile cp")) as { Arn: string };
  expect(viaShim.Arn).toMatch(/:assumed-role\/AWSReservedSSO_ReadOnlyAccess_/);
}

beforeAll(async () => {
  await startRegistry();
  const token = await createUser();
  const stage = timed("stage the release copy", stageRelease);
  const host = url.replace(/^http:/, "");
  writeFileSync(join(stage, ".npmrc"), `registry=${url}\n${host}:_authToken=${token}\n`);
  const env = { ...process.env, PATH: toolsPath, npm_config_registry: url, CI: "true" };
  const changeset = join(root, "node_modules/@changesets/cli/bin.js");
  timed("changeset version", () => ok(run(process.execPath, [changeset, "version"], { cwd: stage, env }), "changeset version"));
  version = (JSON.parse(readFileSync(join(stage, "apps/cli/package.json"), "utf8")) as { version: string }).version;
  timed("changeset publish", () => ok(run(process.execPath, [changeset, "publish"], { cwd: stage, env, timeout: 300_000 }), "changeset publish"));

  // The emulator the logins go to, installed from the registry like the rest (Node 24, its own prefix and HOME).
  const prefix = join(work, "emulator-prefix");
  const home = join(work, "emulator-home");
  mkdirSync(home);
  ok(await npmInstallGlobal(process.execPath, prefix, home, ["@sso-creds/emulator"]), "npm install -g @sso-creds/emulator");
  emulator = await startEmulatorBin(join(prefix, "bin/sso-emulator"), [], userEnv(process.execPath, prefix, home));
}, 900_000);

afterAll(() => {
  emulator?.stop();
  registry?.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
});

describe("published by changesets to a local registry", () => {
  it("publishes a real first version of each package, with exact dependencies and the files it needs", async () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(version).not.toBe("0.0.0");
    for (const name of Object.keys(publishable)) {
      const doc = (await (await fetch(`${url}${name.replace("/", "%2f")}`)).json()) as {
        "dist-tags": Record<string, string>;
        versions: Record<string, { license: string; repository: unknown; engines: Record<string, string>; dependencies?: Record<string, string>; dist: { tarball: string } }>;
      };
      expect(doc["dist-tags"].latest, name).toBe(version);
      const v = doc.versions[version]!;
      expect(v.license, name).toBe("MIT");
      expect(v.repository, name).toBeTruthy();
      expect(v.engines.node, name).toBe(">=22.3");
      // Exact versions only: what was tested is what installs. Internal ones are this release's.
      for (const [dep, spec] of Object.entries(v.dependencies ?? {})) {
        expect(spec, `${name} -> ${dep}`).toMatch(/^\d+\.\d+\.\d+$/);
        if (dep.startsWith("@sso-creds/")) expect(spec, `${name} -> ${dep}`).toBe(version);
      }
      const tgz = join(work, `${name.replace("/", "-")}.tgz`);
      writeFileSync(tgz, Buffer.from(await (await fetch(v.dist.tarball)).arrayBuffer()));
      const files = ok(run("tar", ["tzf", tgz], { env: process.env }), "tar").split("\n").filter(Boolean);
      expect(files, name).toEqual(expect.arrayContaining(["package/package.json", "package/README.md", "package/LICENSE"]));
      expect(files.filter((f) => /\.(ts|map)$/.test(f) && !f.endsWith(".d.ts")), name).toEqual([]);
      expect(files.filter((f) => /spec|test-support/.test(f)), name).toEqual([]);
    }
    // The shim's dist is one bundle: it installs nothing else.
    const shim = (await (await fetch(`${url}@sso-creds%2fcredential-process`)).json()) as { versions: Record<string, { dependencies?: object }> };
    expect(shim.versions[version]!.dependencies ?? {}).toEqual({});
  });
});

it("npm install -g @sso-creds/cli @sso-creds/credential-process on Node 22 and on Node 24, then login, exec and credential_process", async () => {
  // The two installs side by side (separate prefixes and HOMEs, one npm cache), then each one driven.
  const installs = nodes().map((node) => ({ node, prefix: join(work, `prefix-${node.major}`), home: join(work, `home-${node.major}`) }));
  for (const { home } of installs) mkdirSync(home);
  const results = await Promise.all(installs.map(({ node, prefix, home }) => npmInstallGlobal(node.path, prefix, home, ["@sso-creds/cli", "@sso-creds/credential-process"])));
  results.forEach((r, i) => ok(r, `npm install -g on Node ${installs[i]!.node.major}`));
  for (const { node, prefix, home } of installs) timed(`login, exec, credential_process on Node ${node.major}`, () => driveInstalled(node, prefix, home));
}, 600_000);

describe("npx", () => {
  it("npx @sso-creds/cli --help runs the CLI without installing it", () => {
    const home = join(work, "home-npx");
    mkdirSync(home);
    const env = userEnv(process.execPath, join(work, "no-prefix"), home);
    const r = run(process.execPath, [npxCli, "--yes", `--@sso-creds:registry=${url}`, "--cache", npmCache, "@sso-creds/cli", "--help"], { env, timeout: 300_000 });
    const out = ok(r, "npx @sso-creds/cli --help");
    expect(out).toMatch(/USAGE\s+\$ sso \[COMMAND\]/);
    expect(out).toMatch(/\blogin\b/);
  });
});

describe("a tarball that misses a file it needs", () => {
  it("fails the same checks (the CLI packed without dist)", async () => {
    // The release copy once more, its CLI's `files` without dist, packed as publishing packs it.
    const stage = join(work, "release");
    const cliDir = join(stage, "apps/cli");
    const pj = JSON.parse(readFileSync(join(cliDir, "package.json"), "utf8")) as { files: string[] };
    pj.files = pj.files.filter((f) => f !== "dist");
    writeFileSync(join(cliDir, "package.json"), JSON.stringify(pj, null, 2));
    const packed = ok(run("pnpm", ["pack", "--pack-destination", work], { cwd: cliDir, env: { ...process.env, PATH: toolsPath } }), "pnpm pack");
    const tarball = packed.trim().split("\n").pop()!.trim();
    expect(tarball).toMatch(/\.tgz$/);

    const node = nodes().find((n) => n.major === 24)!;
    const prefix = join(work, "prefix-nodist");
    const home = join(work, "home-nodist");
    mkdirSync(home);
    ok(await npmInstallGlobal(node.path, prefix, home, [tarball, "@sso-creds/credential-process"]), "npm install -g (no dist)");
    expect(() => driveInstalled(node, prefix, home)).toThrow(/sso (--version|login) exited/);
  });
});
