import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AWS_CLI_V2 } from "./test-support/requirePeers.js";
import { RUN_JS, START_URL, SESSION, oneLine, ok, runCollected, sha1, type Run } from "./test-support/peers.js";
import { PROXY_PASSWORD, PROXY_USER, startProxyWorld, tinyproxyUnavailable, type ProxyWorld } from "@sso-creds/emulator";

const REPO = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const SHIM = join(REPO, "apps/credential-process/bin/sso-credential-process");
const ACTION_MAIN = join(REPO, "apps/github-action/dist/main.js");

const OIDC = "oidc.us-east-1.amazonaws.com:443";
const PORTAL = "portal.sso.us-east-1.amazonaws.com:443";

const unavailable = tinyproxyUnavailable();
if (unavailable) throw new Error(`The proxy suite cannot run: ${unavailable}`);

/**
 * Through a real proxy (tinyproxy) to AWS host names only the proxy can resolve, every app of the toolkit and
 * AWS CLI v2 side by side, with HTTPS_PROXY and AWS_CA_BUNDLE as a user behind a corporate proxy sets them and no
 * endpoint overrides.
 */
describe("behind a corporate proxy: HTTPS_PROXY, NO_PROXY, basic auth, AWS_CA_BUNDLE and ca_bundle", () => {
  let world: ProxyWorld;
  let home: string;
  let config: string;
  beforeAll(async () => {
    world = await startProxyWorld();
    home = await mkdtemp(join(tmpdir(), "sso-proxy-home-"));
    await mkdir(join(home, ".aws"), { recursive: true });
    config = `[profile dev]
sso_session = ${SESSION}
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = us-east-1

[profile cp]
credential_process = ${process.execPath} ${SHIM} --profile dev
region = us-east-1

[sso-session ${SESSION}]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;
    await writeFile(join(home, ".aws", "config"), config);
  });
  afterAll(async () => {
    await world?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  /** A user's shell: PATH, HOME and what the test adds; nothing points at the emulator. */
  const userEnv = (env: Record<string, string>) => ({
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    LANG: "C.UTF-8",
    AWS_EC2_METADATA_DISABLED: "true",
    ...env,
  });
  const behindProxy = (extra: Record<string, string> = {}) => ({ HTTPS_PROXY: world.proxy.url, AWS_CA_BUNDLE: world.caFile, ...extra });

  /** Run argv as the user would: outside the proxy's namespace, so AWS host names resolve nowhere but in the proxy. */
  function run(argv: string[], env: Record<string, string>, options: { inHostsNamespace?: boolean; stdin?: string } = {}): Promise<Run> {
    const hosts = ["unshare", "-m", "--propagation", "private", "--", "/bin/sh", "-c", 'mount --bind "$0" /etc/hosts && exec "$@"', world.hostsFile];
    return runCollected(options.inHostsNamespace ? [...hosts, ...argv] : argv, userEnv(env), { stdin: options.stdin ?? "" });
  }
  const sso = (args: string[], env: Record<string, string>, options?: { inHostsNamespace?: boolean }) => run([process.execPath, RUN_JS, ...args], env, options);
  const aws = (args: string[], env: Record<string, string>, options?: { inHostsNamespace?: boolean }) => run([AWS_CLI_V2, ...args], env, options);
  const tokenPresent = async () => JSON.parse(await readFile(join(home, ".aws/sso/cache", `${sha1(SESSION)}.json`), "utf8")) as { accessToken: string };

  it("sso login (device code), sso list, sso populate, sso exec -- aws sts get-caller-identity, and sso-credential-process used by AWS CLI v2 all go through the proxy", async () => {
    await world.proxy.mark();
    ok(await sso(["login", "--profile", "dev", "--use-device-code", "--no-browser"], behindProxy()), "sso login");
    expect((await tokenPresent()).accessToken).toBeTruthy();
    expect(await world.proxy.connects()).toContain(OIDC);

    await world.proxy.mark();
    const list = ok(await sso(["list", "--profile", "dev"], behindProxy()), "sso list");
    expect(list.stdout).toContain("111111111111");
    expect(await world.proxy.connects()).toContain(PORTAL);

    await world.proxy.mark();
    ok(await sso(["populate", "--sso-session", SESSION, "--dry-run"], behindProxy()), "sso populate");
    expect(await world.proxy.connects()).toContain(PORTAL);

    await world.proxy.mark();
    const ident = ok(await sso(["exec", "--profile", "dev", "--", AWS_CLI_V2, "sts", "get-caller-identity", "--output", "json"], behindProxy()), "sso exec -- aws sts");
    expect(JSON.parse(ident.stdout)).toMatchObject({ Account: "111111111111" });
    const viaExec = await world.proxy.connects();
    expect(viaExec).toContain(PORTAL); // our GetRoleCredentials
    expect(viaExec.some((c) => /^sts\.(us-east-1\.)?amazonaws\.com:443$/.test(c))).toBe(true); // AWS CLI v2's STS call

    // AWS CLI v2 runs the shim as the profile's credential_process, with a cold cache so the shim calls the portal.
    await rm(join(home, ".aws/cli/cache"), { recursive: true, force: true });
    const before = world.emu.stats().GetRoleCredentials ?? 0;
    await world.proxy.mark();
    const viaShim = ok(await aws(["sts", "get-caller-identity", "--profile", "cp", "--output", "json"], behindProxy()), "aws --profile cp (credential_process)");
    expect(JSON.parse(viaShim.stdout)).toMatchObject({ Account: "111111111111" });
    expect(world.emu.stats().GetRoleCredentials).toBe(before + 1);
    expect(await world.proxy.connects()).toContain(PORTAL);
  });

  it("sso login with PKCE: the browser's authorize page and the token exchange both go through the proxy", async () => {
    const child = spawn(process.execPath, [RUN_JS, "login", "--profile", "dev", "--no-browser", "--force"], { env: userEnv(behindProxy()), stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    const url = await new Promise<string>((res, rej) => {
      child.stderr.on("data", (d: string) => {
        stderr += d;
        const m = /(https:\/\/oidc\.us-east-1\.amazonaws\.com\/authorize\?\S+)/.exec(stderr);
        if (m) res(m[1]!);
      });
      child.on("close", (code) => rej(new Error(`sso login exited ${code} before printing the URL: ${stderr}`)));
    });
    expect(await world.proxy.connects()).toContain(OIDC); // RegisterClient
    await world.proxy.mark();
    // "The browser": also behind the proxy. The emulator approves and redirects to the loopback listener.
    const redirect = await redirectTarget(url, behindProxy());
    const back = await fetch(redirect);
    expect(back.status).toBeLessThan(400);
    const code = await new Promise<number | null>((res) => child.on("close", res));
    expect(code).toBe(0);
    expect(await world.proxy.connects()).toContain(OIDC);
  });

  it("AWS CLI v2 on the same environment: aws sso login and aws sts get-caller-identity through the same proxy", async () => {
    await rm(join(home, ".aws/cli/cache"), { recursive: true, force: true });
    await world.proxy.mark();
    ok(await aws(["sso", "login", "--profile", "dev", "--no-browser"], behindProxy()), "aws sso login");
    const ident = ok(await aws(["sts", "get-caller-identity", "--profile", "dev", "--output", "json"], behindProxy()), "aws sts get-caller-identity");
    expect(JSON.parse(ident.stdout)).toMatchObject({ Account: "111111111111" });
    const seen = await world.proxy.connects();
    expect(seen).toEqual(expect.arrayContaining([OIDC, PORTAL]));
  });

  it("NO_PROXY: a matching host is called directly (the proxy sees nothing), as AWS CLI v2 does; a non-matching one still goes through", async () => {
    // In a namespace whose /etc/hosts resolves the AWS names, so a direct connection can work.
    // (The rule itself is checked against botocore's code on thousands of generated cases in core's proxyForUrl.spec.ts.)
    for (const [noProxy, withAws] of [["example.com, PORTAL.SSO.us-east-1.amazonaws.com", true], ["*", false]] as const) {
      await world.proxy.mark();
      ok(await sso(["list", "--profile", "dev"], behindProxy({ NO_PROXY: noProxy }), { inHostsNamespace: true }), `sso list NO_PROXY=${noProxy}`);
      if (withAws) {
        const token = (await tokenPresent()).accessToken;
        ok(await aws(["sso", "list-accounts", "--access-token", token, "--region", "us-east-1"], behindProxy({ no_proxy: noProxy }), { inHostsNamespace: true }), `aws NO_PROXY=${noProxy}`);
      }
      expect(await world.proxy.connects()).toEqual([]);
    }
    await world.proxy.mark();
    ok(await sso(["list", "--profile", "dev"], behindProxy({ NO_PROXY: "example.com,10.0.0.0/8" }), { inHostsNamespace: true }), "sso list, NO_PROXY not matching");
    expect(await world.proxy.connects()).toContain(PORTAL);
  });

  it("a proxy with basic auth: credentials in the URL (percent-encoded) work, and the password is in no output, not even --debug", async () => {
    const encoded = PROXY_PASSWORD.replace(/[A-Z]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const env = behindProxy({ HTTPS_PROXY: `http://${PROXY_USER}:${encoded}@127.0.0.1:${world.authProxy.port}` });
    await world.authProxy.mark();
    const list = ok(await sso(["list", "--profile", "dev", "--debug"], env), "sso list via the auth proxy");
    const ident = ok(await sso(["exec", "--profile", "dev", "--", AWS_CLI_V2, "sts", "get-caller-identity"], env), "sso exec via the auth proxy");
    expect(await world.authProxy.connects()).toContain(PORTAL);
    // A failure with --debug (stack traces on) names the proxy without its credentials.
    const failed = await sso(["list", "--profile", "dev", "--debug"], { ...env, AWS_CA_BUNDLE: world.otherCaFile });
    expect(failed.code).toBe(1);
    for (const out of [list.stdout, list.stderr, ident.stdout, ident.stderr, failed.stdout, failed.stderr]) {
      expect(out).not.toContain(PROXY_PASSWORD);
      expect(out).not.toContain(encoded);
    }
    expect(failed.stderr).toContain(`http://127.0.0.1:${world.authProxy.port}`);
  });

  it("a proxy that wants credentials (407), a CA that is not the server's, an unreachable proxy, a missing bundle: one line each, and AWS CLI v2 fails too", async () => {
    const cases: Array<{ name: string; env: Record<string, string>; expect: RegExp; peer?: boolean }> = [
      { name: "407", peer: true, env: behindProxy({ HTTPS_PROXY: world.authProxy.url }), expect: /the proxy http:\/\/127\.0\.0\.1:\d+ requires authentication \(HTTP 407\).* Fix: put the proxy user and password in HTTPS_PROXY/ },
      {
        name: "wrong CA",
        peer: true,
        env: behindProxy({ AWS_CA_BUNDLE: world.otherCaFile }),
        expect: new RegExp(`TLS certificate of portal\\.sso\\.us-east-1\\.amazonaws\\.com:443 \\(through the proxy http://127\\.0\\.0\\.1:\\d+\\) does not chain to a CA in the CA bundle ${escape(world.otherCaFile)} \\(from AWS_CA_BUNDLE\\)`),
      },
      { name: "unreachable proxy", peer: true, env: behindProxy({ HTTPS_PROXY: "http://127.0.0.1:9" }), expect: /cannot connect to the proxy http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\).* Fix: check HTTPS_PROXY/ },
      { name: "missing bundle", env: behindProxy({ AWS_CA_BUNDLE: join(world.dir, "nope.pem") }), expect: new RegExp(`The CA bundle ${escape(join(world.dir, "nope.pem"))} \\(from AWS_CA_BUNDLE\\) does not exist`) },
      { name: "no proxy, no DNS", env: { AWS_CA_BUNDLE: world.caFile }, expect: /cannot resolve portal\.sso\.us-east-1\.amazonaws\.com \(ENOTFOUND; no proxy is configured\).*export HTTPS_PROXY=/ },
    ];
    for (const c of cases) {
      const started = Date.now();
      const line = oneLine(await sso(["list", "--profile", "dev"], c.env));
      expect(line, c.name).toMatch(c.expect);
      expect(Date.now() - started, `${c.name} returns at once`).toBeLessThan(20_000);
      if (!c.peer) continue;
      const peer = await aws(["sso", "list-accounts", "--access-token", (await tokenPresent()).accessToken, "--region", "us-east-1", "--cli-read-timeout", "5", "--cli-connect-timeout", "5"], { ...c.env, AWS_MAX_ATTEMPTS: "1" });
      expect(peer.code, `AWS CLI v2 with ${c.name}`).not.toBe(0);
    }
  });

  it("the profile's ca_bundle is used without AWS_CA_BUNDLE, and AWS_CA_BUNDLE wins over it (AWS CLI v2 agrees on both)", async () => {
    await writeFile(join(home, ".aws", "config"), config.replace("[profile dev]\n", `[profile dev]\nca_bundle = ${world.caFile}\n`));
    try {
      ok(await sso(["list", "--profile", "dev"], { HTTPS_PROXY: world.proxy.url }), "sso list, ca_bundle in the profile");
      ok(await aws(["sts", "get-caller-identity", "--profile", "dev"], { HTTPS_PROXY: world.proxy.url }), "aws, ca_bundle in the profile");
      const line = oneLine(await sso(["list", "--profile", "dev"], { HTTPS_PROXY: world.proxy.url, AWS_CA_BUNDLE: world.otherCaFile }));
      expect(line).toContain(`the CA bundle ${world.otherCaFile} (from AWS_CA_BUNDLE)`);
      expect((await aws(["sts", "get-caller-identity", "--profile", "dev"], { HTTPS_PROXY: world.proxy.url, AWS_CA_BUNDLE: world.otherCaFile })).code).not.toBe(0);
    } finally {
      await writeFile(join(home, ".aws", "config"), config);
    }
  });

  it("the GitHub Action's dist gets role credentials from a token through the proxy", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sso-proxy-gha-"));
    try {
      const files = { GITHUB_ENV: join(dir, "env"), GITHUB_OUTPUT: join(dir, "output"), GITHUB_STATE: join(dir, "state") };
      for (const path of Object.values(files)) await writeFile(path, "");
      await world.proxy.mark();
      const r = await run([process.execPath, ACTION_MAIN], {
        ...behindProxy(),
        ...files,
        RUNNER_TEMP: dir,
        "INPUT_SSO-TOKEN": JSON.stringify(world.emu.mintToken()),
        "INPUT_ACCOUNT-ID": "111111111111",
        "INPUT_ROLE-NAME": "AdministratorAccess",
        "INPUT_AWS-REGION": "us-east-1",
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(await readFile(files.GITHUB_ENV, "utf8")).toContain("AWS_ACCESS_KEY_ID");
      expect(await world.proxy.connects()).toContain(PORTAL);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The Location of the authorize page's redirect, fetched through the proxy by Node's own agent (a browser would follow it). */
async function redirectTarget(url: string, env: Record<string, string>): Promise<string> {
  const https = process.getBuiltinModule("node:https");
  const agent = new https.Agent({ proxyEnv: { HTTPS_PROXY: env.HTTPS_PROXY }, ca: await readFile(env.AWS_CA_BUNDLE!, "utf8") } as import("node:https").AgentOptions);
  return new Promise((res, rej) => {
    https.get(url, { agent }, (r) => {
      r.resume();
      const location = r.headers.location;
      if (location) res(location);
      else rej(new Error(`authorize answered ${r.statusCode} without a Location`));
    }).on("error", rej);
  });
}
