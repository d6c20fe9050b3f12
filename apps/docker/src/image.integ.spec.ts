import { execFile } from "node:child_process";
import { chmod, chown, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { tokenCacheKey } from "@sso-creds/core";
import { startEmulator, startProxyWorld, tinyproxyUnavailable, type Emulator, type MintedToken } from "@sso-creds/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PODMAN, podmanUnavailable } from "./test-support/podman.js";
import { APP_DIR, bundle, run, start, type Finished } from "./test-support/processes.js";

const exec = promisify(execFile);
const skipReason = podmanUnavailable();
if (skipReason) console.warn(`SKIPPED: the container image test (apps/docker/src/image.integ.spec.ts) did not run: ${skipReason}.`);

const BASE = "localhost/sso-creds-test-base:24";
// Per run, so two runs at once (a developer and a full suite) do not rebuild or remove each other's image.
const IMAGE = `localhost/sso-creds-docker:test-${process.pid}`;
const ACCOUNT = "111111111111";
const ROLE = "ReadOnlyAccess";
const CONTAINER_UID = 1000;

let emu: Emulator;
let shortEmu: Emulator;
let work: string;
const containers: string[] = [];

describe.skipIf(skipReason !== undefined)(`the image, built and run with podman against the emulator on the host${skipReason ? ` (SKIPPED: ${skipReason})` : ""}`, () => {
  beforeAll(async () => {
    [emu, shortEmu] = await Promise.all([startEmulator({ port: 0, autoApprove: true }), startEmulator({ port: 0, autoApprove: true, roleCredentialTtlSeconds: 3 })]);
    // Built once per run: a local stand-in for node:24-slim (no registry here; kept between runs), then the real Dockerfile on top of it.
    await exec("bash", [join(APP_DIR, "scripts/local-base-image.sh"), BASE, process.execPath], { timeout: 300_000 });
    const context = await mkdtemp(join(tmpdir(), "sso-creds-docker-context-"));
    const dist = await bundle();
    try {
      await cp(join(APP_DIR, "Dockerfile"), join(context, "Dockerfile"));
      await cp(join(APP_DIR, ".dockerignore"), join(context, ".dockerignore"));
      await cp(dist, join(context, "dist"), { recursive: true });
      await exec("podman", [...PODMAN, "build", "--quiet", "--layers=false", "--build-arg", `BASE_IMAGE=${BASE}`, "-t", IMAGE, context], { timeout: 300_000 });
    } finally {
      await Promise.all([rm(context, { recursive: true, force: true }), rm(dist, { recursive: true, force: true })]);
    }
  }, 600_000);
  afterAll(async () => {
    for (const name of containers) await exec("podman", [...PODMAN, "rm", "-f", name]).catch(() => undefined);
    // The base image stays (reused while the host's node and tini are the same); the image under test is rebuilt each run.
    await exec("podman", [...PODMAN, "rmi", "-f", IMAGE]).catch(() => undefined);
    await Promise.all([emu?.close(), shortEmu?.close()]);
  }, 60_000);
  beforeEach(async () => {
    emu.reset();
    work = await mkdtemp(join(tmpdir(), "sso-creds-image-"));
    return () => rm(work, { recursive: true, force: true });
  });

  /** `podman run --rm --network host` with the emulator as every endpoint; `env` values given as NAME inherit from ours (secrets stay off the command line). */
  function podmanArgs(options: { env?: Record<string, string>; secretEnv?: string[]; mounts?: string[]; name?: string; emulator?: Emulator }, command: string[]): string[] {
    const e = options.emulator ?? emu;
    const env = { AWS_REGION: "us-east-1", AWS_ENDPOINT_URL_SSO: e.url, AWS_ENDPOINT_URL_SSO_OIDC: e.url, AWS_ENDPOINT_URL_STS: e.url, ...options.env };
    return [
      ...PODMAN,
      "run",
      "--rm",
      "--network",
      "host",
      ...(options.name ? ["--name", options.name] : []),
      ...Object.entries(env).flatMap(([k, v]) => ["-e", `${k}=${v}`]),
      ...(options.secretEnv ?? []).flatMap((k) => ["-e", k]),
      ...(options.mounts ?? []).flatMap((m) => ["-v", m]),
      IMAGE,
      ...command,
    ];
  }
  const podmanRun = (options: Parameters<typeof podmanArgs>[0], command: string[] = [], hostEnv: Record<string, string> = {}): Promise<Finished> =>
    run("podman", podmanArgs(options, command), { env: { ...process.env, ...hostEnv } });

  /** A token file as the host user (uid 1000, as the container's) has it: 0600. */
  async function tokenFile(token: object, owner = CONTAINER_UID): Promise<string> {
    const path = join(work, "token.json");
    await writeFile(path, JSON.stringify(token), { mode: 0o600 });
    await chown(path, owner, owner);
    return path;
  }
  const secretsOf = (t: MintedToken) => [t.accessToken, t.refreshToken, t.clientSecret].filter((s): s is string => !!s);
  const roleEnv = { SSO_ACCOUNT_ID: ACCOUNT, SSO_ROLE_NAME: ROLE };

  it("default command, server mode, a mounted read-only ~/.aws with AWS_PROFILE: prints the caller identity through STS", async () => {
    const token = emu.mintToken({ accessTokenTtlSeconds: 60 }); // refreshed in memory: the read-only mount is never written
    const aws = join(work, ".aws");
    await mkdir(join(aws, "sso", "cache"), { recursive: true });
    await writeFile(join(aws, "config"), `[profile dev]\nsso_session = my-sso\nsso_account_id = 222222222222\nsso_role_name = ${ROLE}\nregion = us-east-1\n\n[sso-session my-sso]\nsso_start_url = ${token.startUrl}\nsso_region = us-east-1\n`);
    const cached = join(aws, "sso", "cache", `${tokenCacheKey({ name: "my-sso", startUrl: token.startUrl })}.json`);
    await writeFile(cached, JSON.stringify(token), { mode: 0o600 });
    await exec("chown", ["-R", `${CONTAINER_UID}:${CONTAINER_UID}`, aws]);
    await chmod(aws, 0o700);
    const before = await readFile(cached, "utf8");

    const r = await podmanRun({ env: { AWS_PROFILE: "dev" }, mounts: [`${aws}:/home/node/.aws:ro`] });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      UserId: expect.stringMatching(/^AROA\w+:/),
      Account: "222222222222",
      Arn: expect.stringMatching(new RegExp(`^arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_${ROLE}_\\w+/`)),
    });
    expect(emu.stats()).toMatchObject({ CreateToken: 1, GetRoleCredentials: 1, GetCallerIdentity: 1 });
    expect(await readFile(cached, "utf8")).toBe(before);
    for (const s of secretsOf(token)) expect(r.stdout + r.stderr).not.toContain(s);
  }, 120_000);

  it("env mode with the token JSON in SSO_TOKEN: the command gets the credentials as variables", async () => {
    const token = emu.mintToken();
    const script = "console.log(JSON.stringify({ id: process.env.AWS_ACCESS_KEY_ID?.slice(0, 4), ssoToken: process.env.SSO_TOKEN ?? null, uri: process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? null }))";
    const vars = await podmanRun({ env: { ...roleEnv, SSO_MODE: "env" }, secretEnv: ["SSO_TOKEN"] }, ["node", "-e", script], { SSO_TOKEN: JSON.stringify(token) });
    expect(vars.stderr).toBe("");
    expect(JSON.parse(vars.stdout)).toEqual({ id: "ASIA", ssoToken: null, uri: null });
    const who = await podmanRun({ env: { ...roleEnv, SSO_MODE: "env" }, secretEnv: ["SSO_TOKEN"] }, ["sso-whoami"], { SSO_TOKEN: JSON.stringify(token) });
    expect(JSON.parse(who.stdout)).toMatchObject({ Account: ACCOUNT });
  }, 120_000);

  it("behind a proxy, no endpoint overrides: the entry point and sso-whoami reach AWS only through tinyproxy, trusting a mounted AWS_CA_BUNDLE", async () => {
    const missing = tinyproxyUnavailable();
    if (missing) throw new Error(`the proxy case cannot run: ${missing}`);
    // The AWS names resolve only inside the proxy's namespace (the container shares the host's network and /etc/hosts).
    const world = await startProxyWorld();
    try {
      const ca = join(work, "corp-ca.pem");
      await cp(world.caFile, ca);
      await chmod(ca, 0o644);
      const token = world.emu.mintToken();
      const env = { ...roleEnv, SSO_MODE: "env", AWS_ENDPOINT_URL_SSO: "", AWS_ENDPOINT_URL_SSO_OIDC: "", AWS_ENDPOINT_URL_STS: "", HTTPS_PROXY: world.proxy.url, AWS_CA_BUNDLE: "/run/corp-ca.pem" };
      await world.proxy.mark();
      const who = await podmanRun({ env, secretEnv: ["SSO_TOKEN"], mounts: [`${ca}:/run/corp-ca.pem:ro`] }, ["sso-whoami"], { SSO_TOKEN: JSON.stringify(token) });
      expect(who.stderr).toBe("");
      expect(JSON.parse(who.stdout)).toMatchObject({ Account: ACCOUNT });
      expect(await world.proxy.connects()).toEqual(expect.arrayContaining(["portal.sso.us-east-1.amazonaws.com:443", "sts.us-east-1.amazonaws.com:443"]));
      // Without the bundle the entry point says which certificate failed, in one line.
      const untrusted = await podmanRun({ env: { ...env, AWS_CA_BUNDLE: "" }, secretEnv: ["SSO_TOKEN"] }, ["sso-whoami"], { SSO_TOKEN: JSON.stringify(token) });
      expect(untrusted.code).not.toBe(0);
      expect(untrusted.stderr.trim().split("\n")).toHaveLength(1);
      expect(untrusted.stderr).toMatch(/TLS certificate of portal\.sso\.us-east-1\.amazonaws\.com:443 \(through the proxy http:\/\/127\.0\.0\.1:\d+\) does not chain/);
    } finally {
      await world.close();
    }
  }, 120_000);

  it("SSO_ROLE_TO_ASSUME: sso-whoami shows the assumed role, signed for with the SSO role's credentials", async () => {
    const token = emu.mintToken();
    const r = await podmanRun(
      { env: { ...roleEnv, SSO_MODE: "env", SSO_ROLE_TO_ASSUME: "arn:aws:iam::222222222222:role/Developer", SSO_ROLE_SESSION_NAME: "in-image" }, secretEnv: ["SSO_TOKEN"] },
      ["sso-whoami"],
      { SSO_TOKEN: JSON.stringify(token) },
    );
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toMatchObject({ Account: "222222222222", Arn: "arn:aws:sts::222222222222:assumed-role/Developer/in-image" });
    expect(emu.stats()).toMatchObject({ GetRoleCredentials: 1, AssumeRole: 1, GetCallerIdentity: 1 });
  }, 120_000);

  it("server mode serves fresh credentials after the first ones expired (3 s role credentials)", async () => {
    const file = await tokenFile(shortEmu.mintToken());
    const script = `
      import { execFileSync } from "node:child_process";
      const get = async () => (await fetch(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI, { headers: { Authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN } })).json();
      const who = () => JSON.parse(execFileSync("sso-whoami", { encoding: "utf8" })).Account;
      const first = await get();
      const accounts = [who()];
      await new Promise((r) => setTimeout(r, Date.parse(first.Expiration) - Date.now() + 1200));
      const second = await get();
      accounts.push(who());
      console.log(JSON.stringify({ firstExpired: Date.parse(first.Expiration) < Date.now(), rotated: second.AccessKeyId !== first.AccessKeyId, secondValid: Date.parse(second.Expiration) > Date.now(), accounts }));`;
    const r = await podmanRun({ emulator: shortEmu, env: { ...roleEnv, SSO_TOKEN_FILE: "/run/sso/token.json" }, mounts: [`${file}:/run/sso/token.json:ro`] }, ["node", "--input-type=module", "-e", script]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ firstExpired: true, rotated: true, secondValid: true, accounts: [ACCOUNT, ACCOUNT] });
  }, 120_000);

  it("runs as uid 1000 under tini, and `podman stop` (SIGTERM to PID 1) reaches the command, whose exit code is the container's", async () => {
    const file = await tokenFile(emu.mintToken());
    const name = `sso-creds-signal-${process.pid}`;
    containers.push(name);
    const script = `
      const pid1 = require("fs").readFileSync("/proc/1/cmdline", "utf8").split("\\0")[0];
      process.on("SIGTERM", () => { console.log("got SIGTERM"); process.exit(42); });
      console.log(JSON.stringify({ uid: process.getuid(), pid1 }));
      console.log("ready");
      setInterval(() => {}, 1000);`;
    const p = start("podman", podmanArgs({ name, env: { ...roleEnv, SSO_TOKEN_FILE: "/run/sso/token.json" }, mounts: [`${file}:/run/sso/token.json:ro`] }, ["node", "-e", script]), { env: process.env });
    await p.waitFor("ready", 60_000);
    await exec("podman", [...PODMAN, "stop", "-t", "30", name]);
    const r = await p.done;
    expect(JSON.parse(r.stdout.split("\n")[0]!)).toEqual({ uid: 1000, pid1: "/usr/local/bin/tini" });
    expect(r.stdout).toContain("got SIGTERM");
    expect(r.code).toBe(42);
  }, 120_000);

  describe("bad mounts and tokens: the entry point's one line, nothing started", () => {
    const marker = ["node", "-e", "console.log('COMMAND STARTED')"];
    const expectLine = (r: Finished, pattern: RegExp) => {
      expect(r.code).toBe(125);
      expect(r.stdout).not.toContain("COMMAND STARTED");
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^sso-creds: /);
      expect(lines[0]).toMatch(pattern);
    };

    it("a token file the container user cannot read (host uid differs)", async () => {
      const token = emu.mintToken();
      const file = await tokenFile(token, 0);
      const r = await podmanRun({ env: { ...roleEnv, SSO_TOKEN_FILE: "/run/sso/token.json" }, mounts: [`${file}:/run/sso/token.json:ro`] }, marker);
      expectLine(r, /Cannot read \/run\/sso\/token\.json: permission denied for the container's user \(uid 1000\)\. Run: docker run --user "\$\(id -u\):\$\(id -g\)"/);
      for (const s of secretsOf(token)) expect(r.stderr).not.toContain(s);
    }, 60_000);

    it("an empty directory where the cache should be", async () => {
      const dir = join(work, "empty");
      await mkdir(dir);
      const r = await podmanRun({ env: roleEnv, mounts: [`${dir}:/home/node/.aws/sso/cache:ro`] }, marker);
      expectLine(r, /\/home\/node\/\.aws\/sso\/cache has no \.json token file \(it is empty/);
    }, 60_000);

    it("an expired token that cannot be refreshed", async () => {
      const token = { ...emu.mintToken(), expiresAt: "2020-01-01T00:00:00Z", refreshToken: undefined };
      const file = await tokenFile(token);
      const r = await podmanRun({ env: { ...roleEnv, SSO_TOKEN_FILE: "/run/sso/token.json" }, mounts: [`${file}:/run/sso/token.json:ro`] }, marker);
      expectLine(r, /expired at 2020-01-01T00:00:00Z and cannot be refreshed: it has no refresh token\. Run: sso login on the host .* \(or re-mount it\) and restart the container$/);
      expect(emu.stats().GetRoleCredentials ?? 0).toBe(0);
    }, 60_000);
  });
});
