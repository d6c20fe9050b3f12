import { Flags } from "@oclif/core";
import { ENV_FORMATS, resolveProfileCredentials, resolveSsoSession, tildePath, writeCredentialsProfile } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";
import { printEnv } from "../bodies/env.js";
import { regionFlag } from "../flags.js";
import { MFA_CODE_ENV, mfaPrompt } from "../mfaPrompt.js";

export default class Env extends BaseCommand {
  static override summary = "Print role credentials as environment variables.";
  static override description =
    `Prints AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION, AWS_ACCOUNT_ID and, when a region is set (--region, else AWS_REGION, else AWS_DEFAULT_REGION, else the profile's region), AWS_REGION and AWS_DEFAULT_REGION, quoted so no value can run a command. For a role profile with mfa_serial, the MFA code is asked for on the terminal, or taken from ${MFA_CODE_ENV} (or one line of piped stdin) where there is none.`;
  static override examples = [
    'eval "$(sso env --profile dev)"',
    "sso env --profile dev --format fish | source",
    "sso env --profile dev --format powershell | Invoke-Expression",
    "sso env --profile dev --format windows-cmd > creds.cmd   # then, in cmd.exe: call creds.cmd",
    "sso env --profile dev --format dotenv > .env",
    'sso env --profile dev --format github >> "$GITHUB_ENV"',
    "sso env --profile dev --write-credentials dev-static   # then: AWS_PROFILE=dev-static some-old-tool",
  ];
  static override flags = {
    region: regionFlag,
    format: Flags.string({ summary: "Output format.", options: [...ENV_FORMATS], default: "sh" }),
    "write-credentials": Flags.string({
      summary: "Instead of printing them, write the credentials as profile NAME into ~/.aws/credentials.",
      description:
        "For tools that read only the shared files. The profile's region goes into ~/.aws/config. Run the command again to renew the keys; 'sso logout' removes the profile. A name that already gets credentials another way (sso_*, role_arn, credential_process) or a section you wrote yourself is refused.",
      helpValue: "NAME",
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Env);
    const deps = this.deps;
    const profile = await this.profileOrPick(flags.profile);
    const target = flags["write-credentials"];
    if (target === undefined) {
      await printEnv(deps, { ...flags, profile }, { lock: this.waitNotice });
      return;
    }
    const { profileName, config, region, credentials: creds } = await resolveProfileCredentials(deps, {
      profile,
      region: flags.region,
      mfaCode: mfaPrompt(deps.env),
      lock: this.waitNotice,
    });
    const session = resolveSsoSession(config, { profile: profileName });
    const written = await writeCredentialsProfile(deps, config, target, creds, { sourceProfile: profileName, session, region });
    const where = written.map((f) => `[${f.header}] in ${tildePath(deps, f.path)}`).join(" and ");
    this.log(`Wrote ${where}: profile ${profileName}'s credentials, valid until ${new Date(creds.expiration).toISOString()}.`);
    this.log(`Use them with AWS_PROFILE=${target}; run this command again to renew them; 'sso logout' removes them.`);
  }
}
