import { Flags } from "@oclif/core";
import { ENV_FORMATS, formatCredentialsEnv, loadSharedConfig, resolveCredentials, resolveProfileName, profileRegion, type EnvFormat } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";
import { MFA_CODE_ENV, mfaPrompt } from "../mfaPrompt.js";

export default class Env extends BaseCommand {
  static override summary = "Print role credentials as environment variables.";
  static override description =
    `Prints AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION, AWS_ACCOUNT_ID and, when the profile has a region, AWS_REGION and AWS_DEFAULT_REGION, quoted so no value can run a command. For a role profile with mfa_serial, the MFA code is asked for on the terminal, or taken from ${MFA_CODE_ENV} (or one line of piped stdin) where there is none.`;
  static override examples = [
    'eval "$(sso env --profile dev)"',
    "sso env --profile dev --format fish | source",
    "sso env --profile dev --format powershell | Invoke-Expression",
    "sso env --profile dev --format dotenv > .env",
    'sso env --profile dev --format github >> "$GITHUB_ENV"',
  ];
  static override flags = {
    format: Flags.string({ summary: "Output format.", options: [...ENV_FORMATS], default: "sh" }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Env);
    const deps = this.deps;
    const profileName = resolveProfileName(deps, flags.profile);
    const region = profileRegion(await loadSharedConfig(deps), profileName);
    const creds = await resolveCredentials(deps, { profile: profileName, mfaCode: mfaPrompt(deps.env) });
    process.stdout.write(formatCredentialsEnv(creds, { format: flags.format as EnvFormat, region }));
  }
}
