import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "@sso-creds/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { onPath, ssoBinDir, Terminal } from "../test-support/tmux.js";
import { runCli, START_URL } from "../test-support/cliHarness.js";

// Every flow a person meets at a terminal, in a real one: tmux runs the shell, send-keys types, capture-pane reads.
type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const NEEDED = ["tmux", "bash", "zsh", "fish"];
const missing = NEEDED.filter((c) => !onPath(c));
// CI installs them (./dev ensure_system): there a missing one is a failure, not a skip.
if (missing.length > 0 && process.env.CI) throw new Error(`terminal tests need ${missing.join(", ")} (./dev test installs them)`);

/** `aws sts get-caller-identity` where the PATH's AWS CLI honours AWS_ENDPOINT_URL_STS, else the same call with the JS SDK. */
function callerIdentityCommand(): string {
  const r = spawnSync("aws", ["--version"], { encoding: "utf8" });
  const m = /aws-cli\/(\d+)\.(\d+)/.exec(`${r.stdout}${r.stderr}`);
  const ok = m && ((Number(m[1]) === 1 && Number(m[2]) >= 29) || (Number(m[1]) === 2 && Number(m[2]) >= 13) || Number(m[1]) > 2);
  return ok ? "aws sts get-caller-identity" : `node ${join(ROOT, "scripts/get-caller-identity.mjs")}`;
}

const PROFILES = `[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
sso_account_name = Development
region = us-west-2

[profile prod-ro]
sso_session = my-sso
sso_account_id = 333333333333
sso_role_name = ReadOnlyAccess
sso_account_name = Production
region = eu-west-1

[sso-session my-sso]
sso_start_url = ${START_URL}
sso_region = us-east-1
`;

let emu: Emulator;
let bin: string;
let home: string;
let term: Terminal | undefined;
const CALLER = callerIdentityCommand();

beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true });
  bin = await ssoBinDir();
});
afterAll(async () => {
  await emu?.close();
  if (bin) await rm(bin, { recursive: true, force: true });
});
afterEach(async () => {
  await term?.close();
  term = undefined;
  // Processes the killed terminal ran may still be writing (the compile cache) for a moment: retry.
  if (home) await rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: `${bin}:${process.env.PATH ?? ""}`,
    HOME: home,
    SHELL: "/bin/bash",
    LANG: "C.UTF-8",
    AWS_ENDPOINT_URL_SSO: emu.url,
    AWS_ENDPOINT_URL_SSO_OIDC: emu.url,
    AWS_ENDPOINT_URL_STS: emu.url,
    AWS_EC2_METADATA_DISABLED: "true",
    ...extra,
  };
}

async function newHome(config: string | null): Promise<void> {
  home = await mkdtemp(join(tmpdir(), "sso-term-home-"));
  if (config !== null) {
    await mkdir(join(home, ".aws"), { recursive: true });
    await writeFile(join(home, ".aws", "config"), config);
  }
}

async function loggedIn(): Promise<void> {
  const r = await runCli(["login", "--sso-session", "my-sso", "--use-device-code", "--no-browser"], env());
  expect(r.code, r.stderr).toBe(0);
}

const SHELLS = {
  bash: { cmd: ["bash", "--norc", "--noprofile"], setup: `PS1='$ '; eval "$(sso shell-init bash)"`, kind: "posix" as const },
  zsh: { cmd: ["zsh", "-f"], setup: `PROMPT='$ '; eval "$(sso shell-init zsh)"`, kind: "posix" as const },
  fish: { cmd: ["fish", "--no-config"], setup: "function fish_prompt; echo -n '$ '; end; sso shell-init fish | source", kind: "fish" as const },
};

describe.skipIf(missing.length > 0)("at a terminal (tmux)", () => {
  it("sso configure, answered at the keyboard in an empty HOME, ends with a working sso exec -- aws sts get-caller-identity", async () => {
    await newHome(null);
    term = await Terminal.start(SHELLS.bash.cmd, env());
    term.run(`PS1='$ '; sso configure --use-device-code --no-browser`);
    await term.waitFor("SSO start URL");
    term.type("http://not-https.example");
    term.press("Enter");
    await term.waitFor("must be https://");
    term.press("C-u");
    term.type(START_URL);
    term.press("Enter");
    await term.waitFor("SSO region");
    term.type("useast1");
    await term.waitFor(/SSO region useast1\n❯ us-east-1/);
    term.press("Enter");
    await term.waitFor("sso-session name (d-0123456789)");
    term.press("Enter");
    await term.waitFor("Account and role (7; type to filter)");
    term.type("stagdev");
    await term.waitFor(/❯ Staging \(222222222222\)\s+Developer\n\n/);
    term.press("Enter");
    await term.waitFor("Default region of the profile");
    term.type("euwest1");
    await term.waitFor(/❯ eu-west-1/);
    term.press("Enter");
    await term.waitFor("Profile name (Staging.Developer)");
    term.press("Enter");
    await term.waitFor("Also write a profile for each of the 7 roles");
    term.type("n");
    term.press("Enter");
    await term.waitFor("Wrote [sso-session d-0123456789] and [profile Staging.Developer] to ~/.aws/config.");
    const config = await readFile(join(home, ".aws", "config"), "utf8");
    expect(config).toContain("[sso-session d-0123456789]\nsso_start_url = https://d-0123456789.awsapps.com/start\nsso_region = us-east-1\n");
    expect(config).toContain("[profile Staging.Developer]\nsso_session = d-0123456789\nsso_account_id = 222222222222\nsso_role_name = Developer\nregion = eu-west-1\n");

    const r = await term.runAndWait(`sso exec -- ${CALLER}`, "EXEC");
    expect(r.status, r.screen).toBe(0);
    expect(r.screen).toMatch(/"Account": "222222222222"/);
    expect(r.screen).toMatch(/assumed-role\/AWSReservedSSO_Developer_/);
  }, 180_000);

  it("Ctrl-C in configure's account list writes nothing; Ctrl-C in the picker exits 130 and runs nothing", async () => {
    await newHome(null);
    term = await Terminal.start(SHELLS.bash.cmd, env());
    term.run(`PS1='$ '; sso configure --sso-start-url ${START_URL} --sso-region us-east-1 --use-device-code --no-browser; echo CONFIGURE:$?`);
    await term.waitFor("sso-session name (d-0123456789)");
    term.press("Enter");
    await term.waitFor("Account and role (7; type to filter)");
    term.type("prod");
    term.press("C-c");
    const screen = await term.waitFor(/^CONFIGURE:\d+$/m);
    expect(screen).toMatch(/^CONFIGURE:130$/m);
    expect(screen).toContain("Cancelled; nothing was changed.");
    expect(existsSync(join(home, ".aws", "config"))).toBe(false);

    await writeFile(join(home, ".aws", "config"), PROFILES);
    term.run(`sso exec -- ${CALLER}; echo PICK:$?`);
    await term.waitFor("Profile (type to filter)");
    term.press("C-c");
    expect(await term.waitFor(/^PICK:\d+$/m)).toMatch(/^PICK:130$/m);
    expect(await readFile(join(home, ".aws", "config"), "utf8")).toBe(PROFILES);
  }, 180_000);

  it("the profile picker picks by a typed fragment and shows account, role and login state; sso exec with no command starts $SHELL with them", async () => {
    await newHome(PROFILES);
    await loggedIn();
    term = await Terminal.start(SHELLS.bash.cmd, env({ SHELL: "/bin/bash" }));
    term.run(`PS1='$ '; sso exec -- ${CALLER}; echo PICKED:$?`);
    await term.waitFor("Profile (type to filter)");
    const list = await term.waitFor(/prod-ro\s+Production \(333333333333\)\s+ReadOnlyAccess\s+\[logged in, \d+h \d+m left\]/);
    expect(list).toMatch(/❯ dev\s+Development \(111111111111\)\s+AdministratorAccess/);
    term.type("prodro");
    await term.waitFor(/Profile \(type to filter\) prodro\n❯ prod-ro/);
    term.press("Enter");
    const done = await term.waitFor(/^PICKED:\d+$/m);
    expect(done).toMatch(/^PICKED:0$/m);
    expect(done).toMatch(/"Account": "333333333333"/);

    term.run("clear; sso exec --profile dev");
    await term.waitFor("with the credentials of profile dev");
    const inner = await term.runAndWait(`echo "inner=$SSO_CREDS_PROFILE region=$AWS_REGION"; ${CALLER}`, "INNER");
    expect(inner.status, inner.screen).toBe(0);
    expect(inner.screen).toContain("inner=dev region=us-west-2");
    expect(inner.screen).toMatch(/"Account": "111111111111"/);
    term.run("exit 7");
    const after = await term.runAndWait('echo "outer=${SSO_CREDS_PROFILE:-none} code=$?"', "OUTER");
    expect(after.screen).toContain("outer=none");
  }, 180_000);

  it("with several sso-sessions, sso login shows the session picker and logs in to the one picked by a fragment", async () => {
    // Both on the emulator's start URL (it refuses others); the second is the one picked.
    const two = `${PROFILES}
[sso-session other]
sso_start_url = ${START_URL}
sso_region = us-east-1
`;
    await newHome(two);
    term = await Terminal.start(SHELLS.bash.cmd, env());
    term.run(`PS1='$ '; sso login --use-device-code --no-browser; echo LOGIN:$?`);
    await term.waitFor("sso-session (type to filter)");
    const list = await term.waitFor(/other\s+https:\/\/d-0123456789\.awsapps\.com\/start\s+us-east-1\s+\[not logged in\]/);
    expect(list).toMatch(/❯ my-sso\s+https:\/\/d-0123456789\.awsapps\.com\/start/);
    term.type("oth");
    await term.waitFor(/sso-session \(type to filter\) oth\n❯ other/);
    term.press("Enter");
    const done = await term.waitFor(/^LOGIN:\d+$/m);
    expect(done).toMatch(/^LOGIN:0$/m);
    expect(done).toContain("Logged in to sso-session other");
  }, 180_000);

  for (const [name, shell] of Object.entries(SHELLS)) {
    it(`sso use in ${name}: the next aws sts get-caller-identity in the same shell uses the credentials; --unset clears them`, async () => {
      await newHome(PROFILES);
      await loggedIn();
      term = await Terminal.start(shell.cmd, env({ AWS_PROFILE: "prod-ro", SHELL: `/usr/bin/${name}` }));
      // Without the shell function, the program cannot reach the shell: one line says what to add where.
      const bare = await term.runAndWait("sso use dev", "BARE", shell.kind);
      expect(bare.status).toBe(1);
      expect(bare.screen).toContain(name === "fish" ? "Fix: add `sso shell-init fish | source` to ~/.config/fish/config.fish" : `Fix: add \`eval "$(sso shell-init ${name})"\` to ~/.${name}rc`);
      term.run("clear");
      term.run(shell.setup);
      const used = await term.runAndWait("sso use dev", "USE", shell.kind);
      expect(used.status, used.screen).toBe(0);
      expect(used.screen).toMatch(/Using profile dev \(account 111111111111, region us-west-2\) until \d{4}-/);
      // Secrets never reach the screen: only the shell's variables hold them.
      expect(used.screen).not.toMatch(/AWS_SECRET_ACCESS_KEY|ASIA[A-Z0-9]{12}/);
      const vars = name === "fish" ? 'echo "profile=$SSO_CREDS_PROFILE aws_profile=$AWS_PROFILE region=$AWS_REGION" key=(string sub -l 4 -- $AWS_ACCESS_KEY_ID)' : 'echo "profile=$SSO_CREDS_PROFILE aws_profile=${AWS_PROFILE:-} region=$AWS_REGION key=${AWS_ACCESS_KEY_ID:0:4}"';
      const shown = await term.runAndWait(vars, "VARS", shell.kind);
      expect(shown.screen).toMatch(/profile=dev aws_profile= region=us-west-2 key=ASIA/);
      const call = await term.runAndWait(CALLER, "CALL", shell.kind);
      expect(call.status, call.screen).toBe(0);
      expect(call.screen).toMatch(/"Account": "111111111111"/);

      // Switching: the picker (no PROFILE) replaces them in place.
      term.run("clear");
      term.run(name === "fish" ? "sso use; echo SWITCH:$status" : "sso use; echo SWITCH:$?");
      await term.waitFor("Profile (type to filter)");
      term.type("prod");
      await term.waitFor(/Profile \(type to filter\) prod\n❯ prod-ro/);
      term.press("Enter");
      expect(await term.waitFor(/^SWITCH:\d+$/m)).toMatch(/^SWITCH:0$/m);
      const second = await term.runAndWait(CALLER, "CALL2", shell.kind);
      expect(second.screen).toMatch(/"Account": "333333333333"/);

      const unset = await term.runAndWait("sso use --unset", "UNSET", shell.kind);
      expect(unset.screen).toContain("Cleared the credentials of profile prod-ro from this shell.");
      const gone = await term.runAndWait(
        name === "fish" ? 'echo "left=$AWS_ACCESS_KEY_ID$AWS_SESSION_TOKEN$SSO_CREDS_PROFILE$AWS_REGION"' : 'echo "left=${AWS_ACCESS_KEY_ID:-}${AWS_SESSION_TOKEN:-}${SSO_CREDS_PROFILE:-}${AWS_REGION:-}"',
        "GONE",
        shell.kind,
      );
      expect(gone.screen).toMatch(/^left=$/m);
      // Every other sso command passes through unchanged.
      const other = await term.runAndWait("sso status --profile dev", "STATUS", shell.kind);
      expect(other.status, other.screen).toBe(0);
      expect(other.screen).toMatch(/sso-session my-sso: valid until/);
      const help = await term.runAndWait("sso use --help", "HELP", shell.kind);
      expect(help.screen).toMatch(/USAGE\s+\$ sso use \[PROFILE\]/);
    }, 180_000);
  }
});
