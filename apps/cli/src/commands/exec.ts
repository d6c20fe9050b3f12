import { Args, Flags } from "@oclif/core";
import {
  envForChild,
  envForCredentialServer,
  NESTED_PROFILE_ENV,
  profileCredentialSource,
  runWithEnv,
  serveFreshCredentials,
} from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";
import { checkNotNested, execCommand } from "../bodies/exec.js";
import { regionFlag } from "../flags.js";
import type { ExitCodes } from "../help.js";
import { MFA_CODE_ENV, mfaPrompt } from "../mfaPrompt.js";

export default class Exec extends BaseCommand {
  static override summary = "Run a command with role credentials in its environment.";
  static override description =
    `Runs the command directly (no shell; with no command, starts $SHELL with the credentials) with the profile's credentials, passes signals on and exits with the command's exit code. With --server the command gets no keys but a credential endpoint on 127.0.0.1 (AWS_CONTAINER_CREDENTIALS_FULL_URI, as \`sso serve\` and ECS), from which its AWS SDK renews them before they expire, so a long \`terraform apply\` outlives the role credentials' lifetime; the endpoint stops when the command ends. Refuses to run inside another \`sso exec\` unless --allow-nested is given. For a role profile with mfa_serial, the MFA code is asked for on the terminal, or taken from ${MFA_CODE_ENV} (or one line of piped stdin) where there is none.`;
  static override examples = [
    "sso exec --profile dev -- aws sts get-caller-identity",
    "sso exec --profile dev -- terraform plan",
    "sso exec --profile dev --server -- terraform apply   # runs longer than the credentials last",
    "sso exec --profile dev   # no command: starts $SHELL with the credentials; SSO_CREDS_PROFILE names the profile",
  ];
  static override strict = false;
  static override usage = "<%= command.id %> [-p <value>] [-r <value>] [--server] [--allow-nested] [--debug] [-- COMMAND [ARGS...]]";
  static override args = {
    command: Args.string({ description: "The command to run and its arguments, after `--` (or after the last flag of sso exec); none: $SHELL." }),
  };
  static exitCodes: ExitCodes = {
    1: "failure before the command started (no credentials, bad config), or the command's own exit status 1",
    126: "the command could not be run (not executable)",
    127: "the command was not found",
    "other": "once the command ran: its own exit status (128+N when signal N ended it)",
  };
  static override flags = {
    region: regionFlag,
    server: Flags.boolean({
      summary: "Give the command a local credential endpoint that renews the credentials, instead of static keys.",
      default: false,
    }),
    "allow-nested": Flags.boolean({ summary: `Run even inside another sso exec (${NESTED_PROFILE_ENV} is set).`, default: false }),
  };

  async run(): Promise<void> {
    const { ownArgv, command } = splitCommand(this.argv, Exec.valueFlagNames());
    const { flags } = await this.parse(Exec, ownArgv);
    const deps = this.deps;
    // No command: an interactive shell with the credentials (aws-vault style); `exit` leaves it.
    const [program, ...args] = command.length > 0 ? command : [subshell(deps.env)];
    checkNotNested(deps, flags["allow-nested"]);
    const profileName = await this.profileOrPick(flags.profile);
    // The common case, shared with the fast path (bin/run.js answers it without oclif when it can).
    if (command.length > 0 && !flags.server) {
      process.exitCode = await execCommand(deps, { ...flags, profile: profileName }, program!, args, { lock: this.waitNotice });
      return;
    }
    // The config is read once; the endpoint's renewals fetch with it.
    const { region, fetch } = await profileCredentialSource(deps, { profile: profileName, region: flags.region, mfaCode: mfaPrompt(deps.env), lock: this.waitNotice });
    let code: number;
    const started = (expiration: number) => {
      if (command.length === 0) process.stderr.write(`Starting ${program} with the credentials of profile ${profileName} (until ${new Date(expiration).toISOString()}); 'exit' leaves it.\n`);
    };
    if (flags.server) {
      // sso serve's endpoint, for this one command; the first fetch fails here, before the command starts.
      const server = await serveFreshCredentials({
        fetch,
        onRefreshError: (e) => process.stderr.write(`sso exec: refresh failed, serving the current credentials: ${(e as Error).message}\n`),
        onError: (e) => process.stderr.write(`sso exec: ${(e as Error).message}\n`),
      });
      try {
        if (command.length === 0) process.stderr.write(`Starting ${program} with renewed credentials of profile ${profileName}; 'exit' leaves it.\n`);
        code = await runWithEnv(program!, args, envForCredentialServer(deps.env, server, { profile: profileName, region }));
      } finally {
        await server.close();
      }
    } else {
      // No command: the subshell (with static credentials).
      const creds = await fetch();
      started(creds.expiration);
      code = await runWithEnv(program!, args, envForChild(deps.env, creds, { profile: profileName, region }));
    }
    // exitCode, not this.exit(): the error mapping must not see the child's failure as ours.
    process.exitCode = code;
  }

  /** Flags that take a value, so `sso exec --profile dev aws s3 ls` knows `dev` is not the command. */
  static valueFlagNames(): Set<string> {
    const names = new Set<string>();
    const all = { ...(Exec.baseFlags ?? {}), ...Exec.flags } as Record<string, { type?: string; char?: string }>;
    for (const [name, flag] of Object.entries(all)) {
      if (flag.type === "option") {
        names.add(`--${name}`);
        if (flag.char) names.add(`-${flag.char}`);
      }
    }
    return names;
  }
}

/** The user's login shell ($SHELL), else /bin/sh (Windows: %ComSpec%). */
export function subshell(env: Record<string, string | undefined>): string {
  if (process.platform === "win32") return env.ComSpec || "cmd.exe";
  return env.SHELL || "/bin/sh";
}

/**
 * Split `[own flags] [--] command args...`: everything after `--`, or from the first word that is not
 * one of our flags, is the command, passed on verbatim (oclif's non-strict argv reorders repeated words).
 */
export function splitCommand(argv: readonly string[], valueFlags: Set<string>): { ownArgv: string[]; command: string[] } {
  const ownArgv: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") return { ownArgv, command: argv.slice(i + 1) };
    if (!arg.startsWith("-") || arg === "-") return { ownArgv, command: argv.slice(i) };
    ownArgv.push(arg);
    if (valueFlags.has(arg) && i + 1 < argv.length) ownArgv.push(argv[++i]!);
  }
  return { ownArgv, command: [] };
}
