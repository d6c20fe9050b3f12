#!/usr/bin/env node
// Benchmark, not a test: one run on one machine, commands interleaved round by round, medians and ratios.
//   cache hit:  node -e ''  vs  sso-credential-process and the sso CLI's hot commands (from the workspace, and as npm
//               installs them: packed tarballs installed into an empty prefix)  vs  the standalone binary's (if built
//               with ./dev binary)  vs  AWS CLI v2 `configure export-credentials` (if /usr/bin/aws)
//   cold:       valid token, no cached credentials, against the emulator
//   64 at once: cold cache, 64 concurrent invocations -> GetRoleCredentials count and valid outputs
// Usage: pnpm --filter @sso-creds/credential-process bench [-- --rounds 15 --concurrency 64 --no-installed --out bench/results.md]
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchOptions } from "../../../scripts/benchOptions.mjs";
import { writeToken, tokenCacheKey } from "@sso-creds/core";

const here = dirname(fileURLToPath(import.meta.url));
const shim = join(here, "../bin/sso-credential-process");
// The sso CLI's hot commands (its fast path), measured in the same interleaved rounds.
const cli = join(here, "../../cli/bin/run.js");
const opt = benchOptions({
  rounds: { type: "string", default: "15" },
  concurrency: { type: "string", default: "64" },
  installed: { type: "boolean", default: true },
  "no-installed": { type: "boolean", default: false },
  out: { type: "string" },
});
const rounds = Number(opt.rounds);
const concurrency = Number(opt.concurrency);
const awsV2 = "/usr/bin/aws";
const haveAws = existsSync(awsV2);
const binary = join(here, "../../binary/dist/sso");
const haveBinary = existsSync(binary);

/**
 * Peak RSS counts the pages of an executable's own file that a run maps, and how many it maps depends on how those
 * pages came into the page cache: a file just written (./dev bench builds the binary right before this) sits in
 * large folios, each mapped whole, so a fresh copy of node itself peaks at 1.67x `node -e ''` on this machine and the
 * binary at 2.0x; once read back from disk, as an installed binary is, they are 1.00x and 1.10x. So the measured
 * executables (node's, and the binary's) are written back and dropped from the page cache first, to be read back as
 * a long-installed one is (posix_fadvise DONTNEED: pages a running process maps, such as this node's, stay).
 */
function settlePageCache(paths) {
  const py = "import os,sys\nfor p in sys.argv[1:]:\n fd=os.open(p,os.O_RDONLY); os.fsync(fd); os.posix_fadvise(fd,0,0,os.POSIX_FADV_DONTNEED); os.close(fd)";
  spawnSync("python3", ["-c", py, ...paths.map((p) => realpathSync(p))], { stdio: "ignore" });
}
settlePageCache([process.execPath, ...(haveBinary ? [binary] : [])]);
const binaryName = "sso credential-process (standalone binary)";

/**
 * The bins as a user gets them: each publishable package packed (pnpm pack, as a release publishes it) and the
 * tarballs installed with npm into an empty prefix; their other dependencies come from the registry.
 */
function installPacked() {
  const work = mkdtempSync(join(tmpdir(), "sso-bench-install-"));
  const packages = ["packages/core", "apps/cli", "apps/credential-process"].map((dir) => join(here, "../../..", dir));
  const tarballs = packages.map((dir) => {
    const r = spawnSync("pnpm", ["pack", "--pack-destination", work], { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`pnpm pack in ${dir} failed: ${r.stderr}`);
    return r.stdout.trim().split("\n").pop();
  });
  const prefix = join(work, "prefix");
  mkdirSync(prefix);
  writeFileSync(join(prefix, "package.json"), "{}");
  const r = spawnSync("npm", ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error", ...tarballs], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm install of the packed tarballs failed: ${r.stderr}`);
  const bin = (name) => realpathSync(join(prefix, "node_modules/.bin", name));
  return { work, sso: bin("sso"), shim: bin("sso-credential-process") };
}
const installed = opt.installed && !opt["no-installed"] ? (process.stderr.write("bench: packing and installing the bins\n"), installPacked()) : undefined;

// The emulator runs as its own process: the timed commands are run with spawnSync, which blocks this one.
const emulatorBin = join(here, "../node_modules/@sso-creds/emulator/bin/sso-emulator");
const emuProc = spawn(process.execPath, [emulatorBin, "--quiet"], { stdio: ["ignore", "pipe", "inherit"] });
const emuUrl = await new Promise((resolve, reject) => {
  emuProc.once("error", reject);
  emuProc.stdout.once("data", (d) => resolve(JSON.parse(String(d).split("\n")[0]).url));
});
// The timed phases block this event loop with spawnSync, so the emulator may close an idle keep-alive socket
// unnoticed: the first request after one is retried once on a fresh connection.
const emuApi = async (path, body) => {
  const init = body === undefined ? {} : { method: "POST", body: JSON.stringify(body) };
  try {
    return await (await fetch(`${emuUrl}${path}`, init)).json();
  } catch {
    return await (await fetch(`${emuUrl}${path}`, init)).json();
  }
};
const emu = {
  url: emuUrl,
  mintToken: (o) => emuApi("/__emulator/mint-token", o),
  reset: () => emuApi("/__emulator/reset", {}),
  stats: async () => (await emuApi("/__emulator/stats")).calls,
};
const home = mkdtempSync(join(tmpdir(), "sso-bench-"));
const startUrl = "https://d-0123456789.awsapps.com/start";
mkdirSync(join(home, ".aws"), { recursive: true, mode: 0o700 });
writeFileSync(
  join(home, ".aws/config"),
  `[profile bench]\nsso_session = bench\nsso_account_id = 111111111111\nsso_role_name = AdministratorAccess\nregion = us-east-1\n\n[profile chained]\nrole_arn = arn:aws:iam::222222222222:role/ReadOnlyAccess\nsource_profile = bench\nregion = us-east-1\n\n[sso-session bench]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\n`,
);
const env = {
  PATH: process.env.PATH,
  HOME: home,
  AWS_CONFIG_FILE: join(home, ".aws/config"),
  AWS_SHARED_CREDENTIALS_FILE: join(home, ".aws/credentials"),
  AWS_ENDPOINT_URL_SSO: emu.url,
  AWS_ENDPOINT_URL_SSO_OIDC: emu.url,
  AWS_ENDPOINT_URL_STS: emu.url,
};
const session = { name: "bench", startUrl, region: "us-east-1", registrationScopes: undefined };
const deps = { env, now: () => Date.now(), homedir: () => home, fs: await import("node:fs/promises") };
await writeToken(deps, session, await emu.mintToken({ startUrl, region: "us-east-1" }));
const cliCache = join(home, ".aws/cli/cache");
const clearCredentialCache = () => rmSync(cliCache, { recursive: true, force: true });

const commands = {
  "node -e ''": [process.execPath, ["-e", ""]],
  "sso-credential-process": [process.execPath, [shim, "--profile", "bench"]],
  "sso env": [process.execPath, [cli, "env", "--profile", "bench"]],
  "sso env (role chain, 1 AssumeRole hop)": [process.execPath, [cli, "env", "--profile", "chained"]],
  "node + spawn true (exec's floor)": [process.execPath, ["-e", "require('child_process').spawnSync('true')"]],
  "sso exec -- true": [process.execPath, [cli, "exec", "--profile", "bench", "--", "true"]],
  "sso status --profile": [process.execPath, [cli, "status", "--profile", "bench"]],
  "sso use (the shell function's call)": [process.execPath, [cli, "use", "--shell", "bash", "bench"]],
  "sso --help (oclif)": [process.execPath, [cli, "--help"]],
  ...(installed
    ? {
        "sso-credential-process (npm-installed)": [process.execPath, [installed.shim, "--profile", "bench"]],
        "sso env (npm-installed)": [process.execPath, [installed.sso, "env", "--profile", "bench"]],
        "sso exec -- true (npm-installed)": [process.execPath, [installed.sso, "exec", "--profile", "bench", "--", "true"]],
        "sso status (npm-installed)": [process.execPath, [installed.sso, "status", "--profile", "bench"]],
        "sso use (npm-installed)": [process.execPath, [installed.sso, "use", "--shell", "bash", "bench"]],
      }
    : {}),
  ...(haveBinary
    ? {
        [binaryName]: [binary, ["credential-process", "--profile", "bench"]],
        "sso env (standalone binary)": [binary, ["env", "--profile", "bench"]],
        "sso exec -- true (standalone binary)": [binary, ["exec", "--profile", "bench", "--", "true"]],
        "sso status (standalone binary)": [binary, ["status", "--profile", "bench"]],
        "sso use (standalone binary)": [binary, ["use", "--shell", "bash", "bench"]],
        "sso --help (standalone binary, full CLI)": [binary, ["--help"]],
      }
    : {}),
  ...(haveAws ? { "aws configure export-credentials (AWS CLI v2)": [awsV2, ["configure", "export-credentials", "--profile", "bench", "--format", "process"]] } : {}),
};

function timeOnce([cmd, args]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, encoding: "utf8", timeout: 60_000 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr.split("\n")[0]}`);
  return ms;
}
// Peak resident memory of one run, from the kernel's rusage of the child (KiB on Linux).
function peakKiB([cmd, args]) {
  const py = "import resource,subprocess,sys;subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,check=True);print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)";
  const r = spawnSync("python3", ["-c", py, cmd, ...args], { env, encoding: "utf8", timeout: 60_000 });
  return r.status === 0 ? Number(r.stdout.trim()) : NaN;
}
const progress = (msg) => process.stderr.write(`bench: ${msg}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

progress("warm-up");
// Warm up: fill the credential cache and Node's compile cache.
timeOnce(commands["sso-credential-process"]);
for (const c of Object.values(commands)) timeOnce(c);

const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
const mem = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < rounds; i++) {
  progress(`cache-hit round ${i + 1}/${rounds}`);
  for (const [name, c] of Object.entries(commands)) times[name].push(timeOnce(c));
  if (i < 5) for (const [name, c] of Object.entries(commands)) mem[name].push(peakKiB(c));
}

// Anonymous memory of a running process (what it allocated itself; peak RSS also counts the pages of its executable
// it touched, which are clean, shared and reclaimable: the standalone binary's file is larger than node's). Read from
// /proc/PID/smaps_rollup while `sso exec` waits for its child, and for node idling as long.
function anonKiB([cmd, args]) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: "ignore" });
    setTimeout(() => {
      let kib = NaN;
      try {
        kib = Number(/^Anonymous:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/smaps_rollup`, "utf8"))?.[1]);
      } catch {
        // not Linux, or the process already left
      }
      child.once("close", () => resolve(kib));
    }, 400);
  });
}
const anonCommands = {
  "node (idle)": [process.execPath, ["-e", "setTimeout(() => {}, 800)"]],
  "sso exec -- sleep": [process.execPath, [cli, "exec", "--profile", "bench", "--", "sleep", "0.8"]],
  ...(haveBinary ? { "sso exec -- sleep (standalone binary)": [binary, ["exec", "--profile", "bench", "--", "sleep", "0.8"]] } : {}),
};
const anon = Object.fromEntries(Object.keys(anonCommands).map((k) => [k, []]));
for (let i = 0; i < 5; i++) for (const [name, c] of Object.entries(anonCommands)) anon[name].push(await anonKiB(c));

progress("cold");
// Cold: valid token, no cached role credentials; interleaved with the floor.
const cold = [];
const coldFloor = [];
for (let i = 0; i < Math.max(5, Math.ceil(rounds / 2)); i++) {
  clearCredentialCache();
  cold.push(timeOnce(commands["sso-credential-process"]));
  coldFloor.push(timeOnce(commands["node -e ''"]));
}

progress(`${concurrency} at once`);
// 64 at once, cold.
clearCredentialCache();
await emu.reset();
await writeToken(deps, session, await emu.mintToken({ startUrl, region: "us-east-1" }));
const t0 = process.hrtime.bigint();
const outputs = await Promise.all(
  Array.from({ length: concurrency }, () =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [shim, "--profile", "bench"], { env });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.on("close", (code) => resolve({ code, out }));
    }),
  ),
);
const burstMs = Number(process.hrtime.bigint() - t0) / 1e6;
const valid = outputs.filter(({ code, out }) => {
  if (code !== 0) return false;
  try {
    const j = JSON.parse(out);
    return j.Version === 1 && j.AccessKeyId && j.SecretAccessKey && j.SessionToken && j.Expiration;
  } catch {
    return false;
  }
}).length;
const keys = new Set(outputs.map(({ out }) => { try { return JSON.parse(out).AccessKeyId; } catch { return undefined; } }));
const calls = (await emu.stats()).GetRoleCredentials ?? 0;

const floor = median(times["node -e ''"]);
const floorMem = median(mem["node -e ''"]);
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
const lines = [];
lines.push(`Machine: ${spawnSync("nproc").stdout?.toString().trim()} cores, Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}; ${rounds} interleaved rounds, medians.`);
lines.push("");
lines.push("| cache hit | median ms | × node -e '' | peak RSS MiB | × node -e '' |");
lines.push("|---|---:|---:|---:|---:|");
for (const name of Object.keys(commands)) {
  const m = median(times[name]);
  const r = median(mem[name]);
  lines.push(`| ${name} | ${fmt(m)} | ${fmt(m / floor, 2)} | ${fmt(r / 1024)} | ${fmt(r / floorMem, 2)} |`);
}
{
  const ratio = (a, b) => fmt(median(times[a]) / median(times[b]), 2);
  const memRatio = (a, b) => fmt(median(mem[a]) / median(mem[b]), 2);
  lines.push("");
  lines.push("| the sso CLI's hot path | wall × its floor | peak RSS × its floor | goal (wall / RSS) |");
  lines.push("|---|---:|---:|---|");
  lines.push(`| sso env vs node -e '' | ${ratio("sso env", "node -e ''")} | ${memRatio("sso env", "node -e ''")} | ≤ 1.5 / ≤ 1.3 |`);
  lines.push(`| sso exec -- true vs node + spawn true | ${ratio("sso exec -- true", "node + spawn true (exec's floor)")} | ${memRatio("sso exec -- true", "node + spawn true (exec's floor)")} | ≤ 1.5 / ≤ 1.3 |`);
  lines.push(`| sso status vs node -e '' | ${ratio("sso status --profile", "node -e ''")} | ${memRatio("sso status --profile", "node -e ''")} | ≤ 2 |`);
  lines.push(`| sso use vs node -e '' | ${ratio("sso use (the shell function's call)", "node -e ''")} | ${memRatio("sso use (the shell function's call)", "node -e ''")} | ≤ 2 |`);
  lines.push(`| role chain vs plain SSO profile (sso env) | ${ratio("sso env (role chain, 1 AssumeRole hop)", "sso env")} | ${memRatio("sso env (role chain, 1 AssumeRole hop)", "sso env")} | ≤ 1.2 |`);
  // The same goals for the bins npm installs and for the standalone binary (each against the same floors).
  for (const [suffix, present] of [[" (npm-installed)", installed], [" (standalone binary)", haveBinary]]) {
    if (!present) continue;
    lines.push(`| sso env${suffix} vs node -e '' | ${ratio(`sso env${suffix}`, "node -e ''")} | ${memRatio(`sso env${suffix}`, "node -e ''")} | ≤ 1.5 / ≤ 1.3 |`);
    lines.push(`| sso exec -- true${suffix} vs node + spawn true | ${ratio(`sso exec -- true${suffix}`, "node + spawn true (exec's floor)")} | ${memRatio(`sso exec -- true${suffix}`, "node + spawn true (exec's floor)")} | ≤ 1.5 / ≤ 1.3 |`);
    lines.push(`| sso status${suffix} vs node -e '' | ${ratio(`sso status${suffix}`, "node -e ''")} | ${memRatio(`sso status${suffix}`, "node -e ''")} | ≤ 2 |`);
    lines.push(`| sso use${suffix} vs node -e '' | ${ratio(`sso use${suffix}`, "node -e ''")} | ${memRatio(`sso use${suffix}`, "node -e ''")} | ≤ 2 |`);
  }
}
lines.push("");
lines.push("| anonymous memory while running (smaps_rollup) | MiB | × node |");
lines.push("|---|---:|---:|");
for (const name of Object.keys(anonCommands)) lines.push(`| ${name} | ${fmt(median(anon[name]) / 1024)} | ${fmt(median(anon[name]) / median(anon["node (idle)"]), 2)} |`);
if (haveAws) {
  const a = median(times["aws configure export-credentials (AWS CLI v2)"]);
  lines.push("");
  lines.push(`sso-credential-process is **${fmt(a / median(times["sso-credential-process"]))}×** faster than AWS CLI v2 on a cache hit.`);
}
if (haveBinary) {
  lines.push("");
  lines.push(`The standalone binary (\`./dev binary\`, Node ${process.versions.node} inside) is ${fmt(statSync(binary).size / 2 ** 20, 0)} MiB.`);
}
lines.push("");
lines.push("| cold (valid token, no cached credentials) | median ms | × node -e '' |");
lines.push("|---|---:|---:|");
lines.push(`| sso-credential-process → emulator | ${fmt(median(cold))} | ${fmt(median(cold) / median(coldFloor), 2)} |`);
lines.push("");
lines.push(`| ${concurrency} concurrent cold invocations | result |`);
lines.push("|---|---|");
lines.push(`| wall time | ${fmt(burstMs, 0)} ms |`);
lines.push(`| GetRoleCredentials calls (emulator) | ${calls} |`);
lines.push(`| valid outputs | ${valid}/${concurrency} (${keys.size} distinct access key${keys.size === 1 ? "" : "s"}) |`);
const report = lines.join("\n");
console.log(report);
if (opt.out) writeFileSync(opt.out, `${report}\n`);

emuProc.kill();
rmSync(home, { recursive: true, force: true });
if (installed) rmSync(installed.work, { recursive: true, force: true });
if (calls !== 1 || valid !== concurrency) {
  console.error(`\nconcurrency target missed: ${calls} GetRoleCredentials calls, ${valid}/${concurrency} valid outputs`);
  process.exitCode = 1;
}
