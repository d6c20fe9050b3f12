// The built shim as tools run it: a process per call, against the emulator, in a temp HOME.
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@sso-creds/emulator";
import { fromProcess } from "@aws-sdk/credential-provider-process";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";

const shim = join(dirname(fileURLToPath(import.meta.url)), "../bin/sso-credential-process");
const startUrl = "https://d-0123456789.awsapps.com/start";
const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");
const run = promisify(execFile);

let emu: Emulator;
let home: string;
let env: Record<string, string>;

function writeConfig(text: string) {
  writeFileSync(join(home, ".aws/config"), text);
}
function writeTokenFile(name: string, token: object) {
  mkdirSync(join(home, ".aws/sso/cache"), { recursive: true, mode: 0o700 });
  writeFileSync(join(home, ".aws/sso/cache", `${sha1(name)}.json`), JSON.stringify(token), { mode: 0o600 });
}
const baseConfig = `[profile dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = eu-west-1

[profile plain]
region = us-east-1

[profile loop]
credential_process = sso-credential-process --profile loop

[profile mixed]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
credential_process = aws-vault export --format=json mixed

[sso-session corp]
sso_start_url = ${startUrl}
sso_region = us-east-1
`;

/** One shim process. Never spawnSync: the emulator runs in this process and must keep answering. */
function runShim(args: string[], extraEnv: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [shim, ...args], { env: { ...env, ...extraEnv } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => {
  emu.reset();
  home = mkdtempSync(join(tmpdir(), "sso-cp-"));
  mkdirSync(join(home, ".aws"), { recursive: true, mode: 0o700 });
  env = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    AWS_CONFIG_FILE: join(home, ".aws/config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, ".aws/credentials"),
    AWS_ENDPOINT_URL_SSO: emu.url,
    AWS_ENDPOINT_URL_SSO_OIDC: emu.url,
    AWS_ENDPOINT_URL_STS: emu.url,
  };
  writeConfig(baseConfig);
  writeTokenFile("corp", emu.mintToken({ startUrl, region: "us-east-1" }));
  return () => rmSync(home, { recursive: true, force: true });
});

describe("sso-credential-process", () => {
  it("prints credential_process JSON, then serves the next call from the AWS CLI cache without a call", async () => {
    const first = await runShim(["--profile", "dev"]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(out).toMatchObject({ Version: 1, AccessKeyId: expect.any(String), SecretAccessKey: expect.any(String), SessionToken: expect.any(String) });
    expect(Date.parse(out.Expiration)).toBeGreaterThan(Date.now());
    expect(emu.stats().GetRoleCredentials).toBe(1);

    const second = JSON.parse((await runShim(["--profile", "dev"])).stdout);
    expect(second.AccessKeyId).toBe(out.AccessKeyId);
    expect(emu.stats().GetRoleCredentials).toBe(1);
  });

  it("serves a cache hit from the one bundled file: no AWS SDK chunk is loaded (a copy without them still works)", async () => {
    expect((await runShim(["--profile", "dev"])).status).toBe(0);
    // The SDK clients live only in dist/chunks (lazy import()); main.js (and the bin's compile-cache.js) must be enough for a hit.
    const lean = mkdtempSync(join(tmpdir(), "sso-cp-lean-"));
    try {
      mkdirSync(join(lean, "bin"));
      mkdirSync(join(lean, "dist"));
      writeFileSync(join(lean, "bin/sso-credential-process"), readFileSync(shim));
      for (const f of ["main.js", "compile-cache.js"]) writeFileSync(join(lean, "dist", f), readFileSync(join(dirname(shim), "../dist", f)));
      const hit = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, [join(lean, "bin/sso-credential-process"), "--profile", "dev"], { env });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.on("close", (code) => resolve({ code, out, err }));
      });
      expect(hit.err).toBe("");
      expect(JSON.parse(hit.out).Version).toBe(1);
      // And a miss does need them: the test would pass vacuously if the SDK were inlined in main.js.
      rmSync(join(home, ".aws/cli/cache"), { recursive: true });
      const miss = await new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [join(lean, "bin/sso-credential-process"), "--profile", "dev"], { env });
        let err = "";
        child.stderr.on("data", (d) => (err += d));
        child.on("close", () => resolve(err));
      });
      expect(miss).toMatch(/chunks|Cannot find module/);
    } finally {
      rmSync(lean, { recursive: true, force: true });
    }
  });

  it("a cache hit loads none of node:crypto, node:fs/promises, worker_threads, the streams stack or any HTTP/TLS/proxy code (a miss does), even with a proxy and CA bundle set", async () => {
    // Each costs start-up time that a hit does not need; an innocent static import brings them back.
    const probe = join(home, "probe.cjs");
    const list = join(home, "modules.txt");
    writeFileSync(probe, `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join("\\n")));`);
    const loaded = async (env: Record<string, string> = {}) => {
      const r = await runShim(["--profile", "dev"], { NODE_OPTIONS: `--require=${probe}`, ...env });
      expect(r.status).toBe(0);
      return new Set(readFileSync(list, "utf8").split("\n"));
    };
    const heavy = ["NativeModule crypto", "NativeModule fs/promises", "NativeModule worker_threads", "NativeModule stream", "NativeModule http", "NativeModule https", "NativeModule tls", "NativeModule _http_agent"];
    const miss = await loaded();
    expect(heavy.filter((m) => miss.has(m))).toEqual(expect.arrayContaining(["NativeModule fs/promises", "NativeModule http"]));
    // A hit never builds a client: the proxy is not contacted and the bundle (here missing) is not even read.
    const hit = await loaded({ HTTPS_PROXY: "http://user:pw@127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9", AWS_CA_BUNDLE: join(home, "no-such-ca.pem") });
    expect(emu.stats().GetRoleCredentials).toBe(1);
    expect(heavy.filter((m) => hit.has(m))).toEqual([]);
  });

  it("a role_arn + source_profile profile: assumed-role credentials, cached as the AWS CLI does, STS accepts them", async () => {
    writeConfig(`${baseConfig}\n[profile ro]\nrole_arn = arn:aws:iam::222222222222:role/ReadOnlyAccess\nsource_profile = dev\n`);
    const first = await runShim(["--profile", "ro"]);
    expect(first.stderr).toBe("");
    const creds = JSON.parse(first.stdout);
    expect(emu.stats()).toMatchObject({ GetRoleCredentials: 1, AssumeRole: 1 });
    const sts = new STSClient({
      region: "us-east-1",
      endpoint: emu.url,
      credentials: { accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken },
    });
    const who = await sts.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toMatch(/^arn:aws:sts::222222222222:assumed-role\/ReadOnlyAccess\//);

    const second = JSON.parse((await runShim(["--profile", "ro"])).stdout);
    expect(second.AccessKeyId).toBe(creds.AccessKeyId);
    expect(emu.stats()).toMatchObject({ GetRoleCredentials: 1, AssumeRole: 1 });
  });

  it("arguments: --name=value works; an unknown option, a stray argument or a missing value is exit 2, one line and a --help hint", async () => {
    const eq = await runShim(["--profile=dev"]);
    expect(eq.status).toBe(0);
    expect(JSON.parse(eq.stdout).Version).toBe(1);
    for (const [argv, why] of [
      [["--bogus"], "Unknown option '--bogus'"],
      [["dev"], "Unexpected argument 'dev'"],
      [["--profile"], "Option '--profile' needs a value"],
      [["--profile", "--debug"], "Option '--profile' needs a value"],
    ] as const) {
      const r = await runShim([...argv]);
      expect(r.status, argv.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      // One line, what is wrong and where the usage is (credential_process callers show stderr verbatim).
      expect(r.stderr).toBe(`sso-credential-process: ${why}. Run: sso-credential-process --help\n`);
    }
    const help = await runShim(["-h"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: sso-credential-process/);
  });

  it("takes --sso-session, --account-id and --role-name without a profile", async () => {
    const r = await runShim(["--sso-session", "corp", "--account-id", "222222222222", "--role-name", "ReadOnlyAccess"]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).Version).toBe(1);
  });

  it("is accepted by the JS SDK's fromProcess", async () => {
    writeConfig(`${baseConfig}\n[profile viaproc]\ncredential_process = ${process.execPath} ${shim} --profile dev\n`);
    const provider = fromProcess({ profile: "viaproc", filepath: env.AWS_SHARED_CREDENTIALS_FILE, configFilepath: env.AWS_CONFIG_FILE });
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const creds = await provider();
      expect(creds.accessKeyId).toMatch(/^ASIA/);
      expect(creds.expiration!.getTime()).toBeGreaterThan(Date.now());
    } finally {
      process.env = saved;
    }
  });

  it("is accepted by botocore as a credential_process profile, and the STS call it signs is verified", async () => {
    writeConfig(`${baseConfig}\n[profile viaproc]\ncredential_process = ${process.execPath} ${shim} --profile dev\nregion = us-east-1\n`);
    const py = `
import boto3
s = boto3.Session(profile_name="viaproc")
c = s.get_credentials().get_frozen_credentials()
print(c.access_key[:4])
print(s.client("sts").get_caller_identity()["Account"])
`;
    const { stdout } = await run("python3", ["-c", py], { env });
    expect(stdout.trim().split("\n")).toEqual(["ASIA", "111111111111"]);
  }, 60_000);

  it("64 processes started together with a cold cache make one GetRoleCredentials call", async () => {
    const results = await Promise.all(
      Array.from({ length: 64 }, () =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn(process.execPath, [shim, "--profile", "dev"], { env });
          let out = "";
          child.stdout.on("data", (d) => (out += d));
          child.on("close", (code) => resolve({ code, out }));
        }),
      ),
    );
    expect(results.every((r) => r.code === 0)).toBe(true);
    const keys = new Set(results.map((r) => JSON.parse(r.out).AccessKeyId));
    expect(keys.size).toBe(1);
    expect(emu.stats().GetRoleCredentials).toBe(1);
  }, 120_000);

  it("an expired token that cannot refresh fails fast, the same one line for every caller, and is left untouched", async () => {
    const tokenPath = join(home, ".aws/sso/cache", `${sha1("corp")}.json`);
    const expired = { ...emu.mintToken({ startUrl, region: "us-east-1" }), expiresAt: "2020-01-01T00:00:00Z" };
    delete (expired as Record<string, unknown>).refreshToken;
    writeTokenFile("corp", expired);
    const before = readFileSync(tokenPath, "utf8");
    const runs = await Promise.all(
      Array.from({ length: 8 }, () => run(process.execPath, [shim, "--profile", "dev"], { env }).then(() => undefined, (e) => e)),
    );
    for (const e of runs) {
      expect(e?.code).toBe(1);
      expect(e.stderr.trim().split("\n")).toHaveLength(1);
      expect(e.stderr).toContain("sso login --sso-session corp");
    }
    expect(new Set(runs.map((e) => e.stderr)).size).toBe(1);
    expect(readFileSync(tokenPath, "utf8")).toBe(before);
    expect(emu.stats().GetRoleCredentials ?? 0).toBe(0);
  }, 60_000);

  it("bad profiles get one clear line and exit 1", async () => {
    for (const [args, needle] of [
      [["--profile", "nope"], "nope"],
      [["--profile", "plain"], "plain"],
      [["--sso-session", "corp"], "--account-id"],
    ] as const) {
      const r = await runShim([...args]);
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(needle);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("refuses a profile whose credential_process calls itself, saying where the SSO settings go", async () => {
    const r = await runShim(["--profile", "loop"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^sso-credential-process: \[profile loop\] in \S+ has credential_process = sso-credential-process --profile loop, which asks for itself.* Fix: add \[profile loop-sso\]/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(join(home, ".aws/cli/cache"))).toBe(false);
  });

  it("refuses a profile that mixes credential_process with sso_* settings that SDKs read differently", async () => {
    const r = await runShim(["--profile", "mixed"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\[profile mixed\] .* has both credential_process and sso_session, sso_account_id, sso_role_name: botocore and the AWS CLI use the sso_\* settings, the JS SDK runs credential_process/);
    expect(r.stderr).toContain("Fix: move sso_session, sso_account_id, sso_role_name to [profile mixed-sso]");
    expect(emu.stats().GetRoleCredentials ?? 0).toBe(0);
  });

  it("never prints a secret on failure", async () => {
    const t = emu.mintToken({ startUrl, region: "us-east-1" });
    writeTokenFile("corp", { ...t, expiresAt: "2020-01-01T00:00:00Z", refreshToken: undefined });
    const r = await runShim(["--profile", "dev", "--debug"]);
    for (const secret of [t.accessToken, t.clientSecret, t.refreshToken]) expect(r.stderr).not.toContain(secret);
  });
});

describe("sso-credential-process under contention and bad input (issue 17)", () => {
  /** The credential cache file a cold `--profile dev` run writes (its name is the AWS CLI's cache key). */
  async function devCacheFile(): Promise<string> {
    const r = await runShim(["--profile", "dev"]);
    expect(r.status, r.stderr).toBe(0);
    const dir = join(home, ".aws/cli/cache");
    const [name] = readdirSync(dir).filter((n) => n.endsWith(".json"));
    rmSync(join(dir, name!));
    return join(dir, name!);
  }
  const holderOf = (pid: number) => JSON.stringify({ pid, hostname: hostname(), createdAt: Date.now(), id: `held-by-${pid}` });
  const deadPid = async () => {
    const child = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => child.on("exit", r));
    return child.pid!;
  };
  const timed = async (args: string[], extraEnv?: Record<string, string>) => {
    const started = Date.now();
    const r = await runShim(args, extraEnv);
    return { ...r, ms: Date.now() - started };
  };

  it("behind a hung lock holder: says once on stderr whom it waits for and how long at most, and goes on once the holder is gone", async () => {
    const cache = await devCacheFile();
    const hung = spawn("sleep", ["60"]);
    try {
      writeFileSync(`${cache}.lock`, holderOf(hung.pid!));
      const child = spawn(process.execPath, [shim, "--profile", "dev"], { env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      const closed = new Promise<number | null>((r) => child.on("close", r));
      const started = Date.now();
      while (!stderr.includes("\n") && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 50));
      expect(stderr, "told while the holder still held the lock").toContain("waiting for");
      hung.kill("SIGKILL");
      expect(await closed).toBe(0);
      expect(JSON.parse(stdout).Version).toBe(1);
      const shown = `~/.aws/cli/cache/${cache.split("/").pop()}.lock`;
      expect(stderr).toBe(
        `sso-credential-process: waiting for pid ${hung.pid}, which holds ${shown} (at most 90 s; a holder that stops responding is taken over after 30 s).\n`,
      );
    } finally {
      hung.kill("SIGKILL");
    }
  }, 60_000);

  it("a lock breaker left by a waiter killed mid-break (dead pid) is broken at once: the next process is not held up", async () => {
    const cache = await devCacheFile();
    // Against the same cold run without the leftovers; the better of two tries, as this machine is shared and noisy.
    const extra: number[] = [];
    for (let attempt = 0; attempt < 2 && !extra.some((ms) => ms < 1_000); attempt++) {
      const baseline = await timed(["--profile", "dev"]);
      expect(baseline.status).toBe(0);
      rmSync(cache);
      const dead = await deadPid();
      writeFileSync(`${cache}.lock`, holderOf(dead));
      writeFileSync(`${cache}.lock.break`, String(dead));
      const r = await timed(["--profile", "dev"]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
      expect(existsSync(`${cache}.lock.break`)).toBe(false);
      extra.push(r.ms - baseline.ms);
      rmSync(cache);
    }
    expect(Math.min(...extra)).toBeLessThan(1_000);
  }, 60_000);

  it("a token whose accessToken cannot be an HTTP header (CR/LF, non-Latin-1): one line naming the file and the login, exit 1 within 1 s", async () => {
    const file = `~/.aws/sso/cache/${sha1("corp")}.json`;
    // A run that fails at once without a token: what start-up alone costs on this machine.
    rmSync(join(home, ".aws/sso/cache", `${sha1("corp")}.json`));
    const baseline = await timed(["--profile", "dev"]);
    expect(baseline.status).toBe(1);
    for (const accessToken of ["aoa-first\r\nX-Injected: 1", "aoa-\u20ac-token", "aoa\u0000nul"]) {
      writeTokenFile("corp", { ...emu.mintToken({ startUrl, region: "us-east-1" }), accessToken });
      const r = await timed(["--profile", "dev"]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(
        `sso-credential-process: The SSO token file ${file} for sso-session corp has an accessToken that cannot be sent in an HTTP header (control or non-Latin-1 characters). Run: sso login --sso-session corp\n`,
      );
      expect(r.ms - baseline.ms).toBeLessThan(1_000);
      expect(emu.stats().GetRoleCredentials ?? 0).toBe(0);
    }
  }, 60_000);

  it("throttled at 2 requests/s: 32 processes over 7 roles on a cold cache all get credentials, one GetRoleCredentials success per role", async () => {
    const accounts = Array.from({ length: 7 }, (_, i) => ({ accountId: `10000000000${i}`, accountName: `acct${i}`, emailAddress: `a${i}@example.com`, roles: ["Admin"] }));
    const throttled = await startEmulator({ port: 0, throttleRps: 2, fixtures: { startUrl, accounts } });
    try {
      writeConfig(
        accounts.map((a, i) => `[profile r${i}]\nsso_session = corp\nsso_account_id = ${a.accountId}\nsso_role_name = Admin\n`).join("\n") +
          `\n[sso-session corp]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\n`,
      );
      writeTokenFile("corp", throttled.mintToken({ startUrl, region: "us-east-1" }));
      const at = { AWS_ENDPOINT_URL_SSO: throttled.url, AWS_ENDPOINT_URL_SSO_OIDC: throttled.url };
      const runs = await Promise.all(Array.from({ length: 32 }, (_, i) => runShim(["--profile", `r${i % 7}`], at)));
      const failed = runs.filter((r) => r.status !== 0).map((r) => r.stderr.trim());
      expect(failed).toEqual([]);
      for (let i = 0; i < 7; i++) {
        const keys = new Set(runs.filter((_, j) => j % 7 === i).map((r) => JSON.parse(r.stdout).AccessKeyId));
        expect(keys.size).toBe(1);
      }
    } finally {
      await throttled.close();
    }
  }, 120_000);
});
