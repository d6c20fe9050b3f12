import { Args, Flags } from "@oclif/core";
import { ConfigError, tildePath, USE_SHELLS } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";
import { MFA_CODE_ENV, mfaPrompt } from "../mfaPrompt.js";
import { SHELL_INIT } from "../shell/shells.js";
import { unsetProfile, useProfile, useShell, USE_SHELL_ENV } from "../shell/useProfile.js";

export default class Use extends BaseCommand {
  static override summary = "Put a profile's credentials into the current shell (needs `sso shell-init`).";
  static override description = `Sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION, AWS_ACCOUNT_ID, the profile's region (AWS_REGION, AWS_DEFAULT_REGION) and SSO_CREDS_PROFILE (for your prompt) in the shell you type it in, and removes AWS_PROFILE and AWS_DEFAULT_PROFILE (the JS SDK would ignore the credentials otherwise). Without PROFILE, a terminal shows the profile picker. --unset removes them again.

A program cannot change its parent shell, so this works through the shell function that \`sso shell-init\` prints: load it once in your shell's rc file. For a role profile with mfa_serial, the MFA code is asked for on the terminal, or taken from ${MFA_CODE_ENV}.`;
  static override examples = [
    { description: `Once, in ${SHELL_INIT.zsh.rc} (or ${SHELL_INIT.bash.rc} with bash)`, command: SHELL_INIT.zsh.load },
    { description: "Credentials of profile dev in this shell", command: "sso use dev" },
    { description: "Pick the profile from a searchable list", command: "sso use" },
    { description: "Remove them", command: "sso use --unset" },
  ];
  static override args = {
    profile: Args.string({ description: "Profile in ~/.aws/config (default: the picker at a terminal)." }),
  };
  static override flags = {
    unset: Flags.boolean({ summary: "Remove the credentials, region and marker that sso use set.", default: false }),
    shell: Flags.string({ summary: `Syntax to write (default: the shell function's ${USE_SHELL_ENV}).`, options: [...USE_SHELLS] }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Use);
    const deps = this.deps;
    const shell = useShell(deps.env, flags.shell, process.stdout.isTTY === true);
    let out: { script: string; message: string };
    if (flags.unset) out = unsetProfile(deps.env, shell);
    else {
      // `sso use` means "switch": AWS_PROFILE of the current shell is not a choice made here.
      const profile = args.profile ?? flags.profile ?? (await this.pickForUse());
      out = await useProfile(deps, { profile, shell, mfaCode: mfaPrompt(deps.env) });
    }
    process.stdout.write(out.script);
    process.stderr.write(`${out.message}\n`);
  }

  private async pickForUse(): Promise<string> {
    const { canPrompt } = await import("../interactive/prompts.js");
    const { pickProfile, profileRows } = await import("../interactive/pickProfile.js");
    const config = await this.sharedConfig();
    const rows = profileRows(config);
    if (rows.length > 0 && canPrompt()) return pickProfile(this.deps, config);
    if (rows.length === 0) {
      throw new ConfigError(`No IAM Identity Center profile to use in ${tildePath(this.deps, config.configFile)}.`, { code: "ProfileNotFound", fix: "sso configure" });
    }
    throw new ConfigError(`No profile given; profiles: ${rows.slice(0, 8).map((r) => r.profileName).join(", ")}${rows.length > 8 ? ", …" : ""}.`, {
      code: "ProfileNotGiven",
      fix: `sso use ${rows[0]!.profileName}`,
    });
  }
}
