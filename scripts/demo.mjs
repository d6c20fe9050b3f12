#!/usr/bin/env node
// The README's first command: start the embedded IAM Identity Center emulator, log in once,
// and make a real, SigV4-verified AWS call with the role credentials. Nothing outside this machine is contacted.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sso = join(root, "apps/cli/bin/run.js");
const emulatorBin = join(root, "packages/emulator/bin/sso-emulator");
const dim = (s) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

function startEmulator() {
  const child = spawn(process.execPath, [emulatorBin, "--port", "0", "--auto-approve"], { stdio: ["ignore", "pipe", "ignore"] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => resolve({ child, info: JSON.parse(line) }));
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code} before it started`)));
  });
}

// An `aws` on PATH that honours AWS_ENDPOINT_URL_STS (AWS CLI v1 >= 1.29 or v2 >= 2.13); else the JS SDK does the call.
function awsCommand() {
  const r = spawnSync("aws", ["--version"], { encoding: "utf8" });
  const m = /aws-cli\/(\d+)\.(\d+)/.exec(`${r.stdout}${r.stderr}`);
  if (!m) return undefined;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return (major === 1 && minor >= 29) || (major === 2 && minor >= 13) || major > 2 ? ["aws", "sts", "get-caller-identity"] : undefined;
}

function run(title, args, env) {
  console.log(`\n${bold("$ " + title)}`);
  const r = spawnSync(process.execPath, [sso, ...args], { env, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`"${title}" exited with ${r.status}`);
}

const home = mkdtempSync(join(tmpdir(), "sso-creds-demo-"));
const { child: emulator, info } = await startEmulator();
try {
  mkdirSync(join(home, ".aws"), { recursive: true, mode: 0o700 });
  writeFileSync(
    join(home, ".aws/config"),
    `[profile demo]
sso_session = demo
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = ${info.region}

[sso-session demo]
sso_start_url = ${info.startUrl}
sso_region = ${info.region}
sso_registration_scopes = sso:account:access
`,
    { mode: 0o600 },
  );
  const env = {
    ...process.env,
    HOME: home,
    AWS_CONFIG_FILE: join(home, ".aws/config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, ".aws/credentials"),
    AWS_ENDPOINT_URL_SSO: info.url,
    AWS_ENDPOINT_URL_SSO_OIDC: info.url,
    AWS_ENDPOINT_URL_STS: info.url,
    AWS_PROFILE: "",
  };
  delete env.AWS_PROFILE;
  console.log(dim(`Embedded IAM Identity Center emulator at ${info.url} (start URL ${info.startUrl}); HOME=${home}`));
  run("sso login --profile demo --use-device-code", ["login", "--profile", "demo", "--use-device-code", "--no-browser"], env);
  const call = awsCommand() ?? ["node", join(root, "scripts/get-caller-identity.mjs")];
  run(`sso exec --profile demo -- ${call.join(" ").replace(root + "/", "")}`, ["exec", "--profile", "demo", "--", ...call], env);
  run("sso status", ["status"], env);
} finally {
  emulator.kill("SIGTERM");
  rmSync(home, { recursive: true, force: true });
}
