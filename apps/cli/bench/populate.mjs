#!/usr/bin/env node
// Benchmark, not a test (issue 19): `sso populate` against the emulator (its own process) for large organisations,
// timed against the throttle floor. Each row: a fresh emulator and HOME, one `sso populate --quiet` run.
//   20 rps:   --throttle-rps 20, the limit Identity Center documents (the client's default ceiling is 19/s)
//   7 rps:    --throttle-rps 7, a limit the client does not know: it must find it
//   faults:   --throttle-rps 20 and 10 % of calls answered 500, 503 or a reset socket
// floor = (ListAccountRoles calls + ListAccounts pages) / limit; goals: time ≤ 1.15 × floor (1.3 × at the unknown
// limit), throttled ≤ 5 % of calls (at 20 rps), 0 failures (with faults: 0 failures).
// With --sdk-baseline, the same listing through the SDK v3's own `adaptive` retry mode (DefaultRateLimiter,
// 16 workers, maxAttempts 3) as a reference: why core has its own limiter (accounts/portalRateLimiter.ts).
// Usage: ./dev bench populate [--accounts 1000,5000] [--scenarios 20,7,faults] [--roles 3] [--sdk-baseline] [--out FILE]
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchOptions } from "../../../scripts/benchOptions.mjs";
import { writeToken } from "@sso-creds/core";

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, "../bin/run.js");
const emulatorBin = join(here, "../node_modules/@sso-creds/emulator/bin/sso-emulator");
const opt = benchOptions({
  accounts: { type: "string", default: "1000,5000" },
  scenarios: { type: "string", default: "20,7,faults" },
  roles: { type: "string", default: "3" },
  "sdk-baseline": { type: "boolean", default: false },
  out: { type: "string" },
});
const SCENARIOS = {
  20: { label: "20 rps", rps: 20, faults: 0, goal: 1.15, throttleGoal: 0.05 },
  7: { label: "unknown 7 rps", rps: 7, faults: 0, goal: 1.3, throttleGoal: undefined },
  // The issue's goal here is 0 failures; the time is shown against the same floor, though the failed attempts
  // (about 11 % more calls) count against the service's limit too.
  faults: { label: "20 rps + 10 % faults", rps: 20, faults: 0.1, goal: undefined, throttleGoal: 0.05 },
};
const accountCounts = opt.accounts.split(",").map(Number);
const scenarios = opt.scenarios.split(",").map((s) => {
  if (!SCENARIOS[s]) throw new Error(`--scenarios: unknown ${s} (use 20, 7, faults)`);
  return SCENARIOS[s];
});
const roleNames = ["AdministratorAccess", "ReadOnlyAccess", "Billing", "Developer", "Auditor"].slice(0, Number(opt.roles));
const startUrl = "https://d-0123456789.awsapps.com/start";
const log = (s) => process.stderr.write(`${s}\n`);
// The machine is shared with other work: as root, the emulator and the timed `sso` run at nice -10 (they need little
// CPU, but a starved emulator sees evenly sent requests arrive in bunches and throttles them).
const niced = (args) => (process.getuid?.() === 0 ? ["nice", ["-n", "-10", process.execPath, ...args]] : [process.execPath, args]);

async function startEmulatorProcess(fixturesFile, scenario) {
  const args = [emulatorBin, "--quiet", "--fixtures", fixturesFile, "--throttle-rps", String(scenario.rps)];
  if (scenario.faults) args.push("--fault-rate", String(scenario.faults), "--fault-kinds", "500,503,reset");
  const proc = spawn(...niced(args), { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    proc.once("error", reject);
    proc.once("exit", (code) => reject(new Error(`emulator exited ${code}`)));
    proc.stdout.once("data", (d) => resolve(JSON.parse(String(d).split("\n")[0]).url));
  });
  const api = async (path, body) => (await fetch(`${url}${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) })).json();
  return { url, api, close: () => new Promise((r) => (proc.once("exit", r), proc.kill("SIGTERM"))) };
}

function org(n) {
  return Array.from({ length: n }, (_, i) => ({
    accountId: String(400000000000 + i),
    accountName: `acct-${String(i).padStart(5, "0")}`,
    emailAddress: `a${i}@example.com`,
    roles: roleNames,
  }));
}

async function home(emu) {
  const dir = mkdtempSync(join(tmpdir(), "sso-bench-populate-"));
  mkdirSync(join(dir, ".aws"), { recursive: true, mode: 0o700 });
  const config = join(dir, ".aws/config");
  writeFileSync(config, `[sso-session bench]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\n`, { mode: 0o600 });
  const env = { PATH: process.env.PATH, HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, ".aws/credentials"), AWS_ENDPOINT_URL_SSO: emu.url, AWS_ENDPOINT_URL_SSO_OIDC: emu.url };
  const session = { name: "bench", startUrl, region: "us-east-1", registrationScopes: undefined };
  await writeToken({ env, now: () => Date.now(), homedir: () => dir, fs: await import("node:fs/promises") }, session, await emu.api("/__emulator/mint-token", { startUrl }));
  return { dir, config, env };
}

function runPopulate(env) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(...niced([cli, "populate", "--sso-session", "bench", "--quiet"]), { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => resolve({ code, out, err, seconds: (performance.now() - started) / 1000 }));
  });
}

/** The SDK's own adaptive retry mode, 16 workers: the reference the module comment of portalRateLimiter.ts cites. */
async function sdkAdaptive(emu, accessToken, accounts) {
  // The SDK core uses (the CLI has no direct dependency on it).
  const sdk = createRequire(join(here, "../node_modules/@sso-creds/core/package.json"))("@aws-sdk/client-sso");
  const client = new sdk.SSOClient({ region: "us-east-1", endpoint: emu.url, retryMode: "adaptive" });
  const started = performance.now();
  const ids = [];
  for await (const page of sdk.paginateListAccounts({ client, pageSize: 100 }, { accessToken })) for (const a of page.accountList ?? []) ids.push(a.accountId);
  let next = 0;
  let failures = 0;
  const worker = async () => {
    for (let i = next++; i < ids.length; i = next++) {
      try {
        for await (const _ of sdk.paginateListAccountRoles({ client, pageSize: 100 }, { accessToken, accountId: ids[i] }));
      } catch {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  client.destroy();
  return { seconds: (performance.now() - started) / 1000, failures, listed: ids.length - failures };
}

const rows = [];
const fmtPct = (x) => `${(100 * x).toFixed(1)} %`;
for (const n of accountCounts) {
  const fixturesDir = mkdtempSync(join(tmpdir(), "sso-bench-fixtures-"));
  const fixturesFile = join(fixturesDir, "fixtures.json");
  writeFileSync(fixturesFile, JSON.stringify({ startUrl, region: "us-east-1", accounts: org(n) }));
  for (const scenario of scenarios) {
    // The reference runs at the first account count only (at 5,000 and 7 rps it alone would take a quarter of an hour).
    const reference = opt["sdk-baseline"] && scenario.faults === 0 && n === accountCounts[0];
    for (const client of ["sso populate", ...(reference ? ["SDK adaptive mode (reference)"] : [])]) {
      const emu = await startEmulatorProcess(fixturesFile, scenario);
      const h = await home(emu);
      log(`[bench] ${n} accounts × ${roleNames.length} roles, ${scenario.label}, ${client} …`);
      let seconds;
      let failures;
      let profiles;
      if (client === "sso populate") {
        const r = await runPopulate(h.env);
        seconds = r.seconds;
        profiles = (readFileSync(h.config, "utf8").match(/^\[profile /gm) ?? []).length;
        failures = r.code === 0 && profiles === n * roleNames.length ? 0 : 1;
        if (r.code !== 0) log(`[bench]   failed: ${r.err.trim()}`);
      } else {
        const token = JSON.parse(readFileSync(join(h.dir, ".aws/sso/cache", (await import("node:crypto")).createHash("sha1").update("bench").digest("hex") + ".json"), "utf8"));
        const r = await sdkAdaptive(emu, token.accessToken, n);
        seconds = r.seconds;
        failures = r.failures;
        profiles = undefined;
      }
      const load = loadavg()[0].toFixed(0);
      const stats = await emu.api("/__emulator/stats");
      await emu.close();
      rmSync(h.dir, { recursive: true, force: true });
      const sum = (o) => Object.values(o ?? {}).reduce((a, b) => a + b, 0);
      const calls = (stats.calls.ListAccounts ?? 0) + (stats.calls.ListAccountRoles ?? 0);
      const throttled = sum(stats.throttled);
      const floor = (n + Math.ceil(n / 100)) / scenario.rps;
      const ratio = seconds / floor;
      const throttledShare = throttled / Math.max(1, calls);
      const ok = (scenario.goal === undefined || ratio <= scenario.goal) && failures === 0 && (scenario.throttleGoal === undefined || throttledShare <= scenario.throttleGoal);
      const row = {
        client,
        accounts: `${n} × ${roleNames.length}`,
        scenario: scenario.label,
        seconds: seconds.toFixed(1),
        floor: floor.toFixed(1),
        ratio: `${ratio.toFixed(3)}${scenario.goal ? ` (≤ ${scenario.goal})` : ""}`,
        calls,
        throttled: `${throttled} (${fmtPct(throttledShare)}${scenario.throttleGoal ? `, ≤ ${scenario.throttleGoal * 100} %` : ""})`,
        faulted: sum(stats.faulted),
        failures,
        profiles: profiles ?? "–",
        ok: client === "sso populate" ? (ok ? "yes" : "**no**") : "–",
        load,
      };
      rows.push(row);
      log(`[bench]   ${JSON.stringify(row)}`);
    }
  }
  rmSync(fixturesDir, { recursive: true, force: true });
}

const header = ["client", "accounts × roles", "service limit", "time (s)", "floor (s)", "time / floor (goal)", "portal calls", "throttled (share, goal)", "faults injected", "failures", "profiles written", "within goals", "load (1 min)"];
const table = [
  `| ${header.join(" | ")} |`,
  `|${header.map(() => "---").join("|")}|`,
  ...rows.map((r) => `| ${[r.client, r.accounts, r.scenario, r.seconds, r.floor, r.ratio, r.calls, r.throttled, r.faulted, r.failures, r.profiles, r.ok, r.load].join(" | ")} |`),
].join("\n");
const text = `${table}\n\nNode ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}, 2 cores shared with other work (load: the 1-minute load average after each run); emulator in its own process, both at nice -10 when run as root; \`./dev bench populate\`.\n`;
process.stdout.write(text);
if (opt.out) writeFileSync(opt.out, text);
