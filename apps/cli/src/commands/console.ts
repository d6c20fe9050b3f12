import { Flags } from "@oclif/core";
import { canOpenBrowser, consoleSigninUrl, FEDERATION_ENDPOINT_ENV, loadSharedConfig, profileRegion, resolveCredentials, resolveProfileName } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";
import { mfaPrompt } from "../mfaPrompt.js";

export default class Console extends BaseCommand {
  static override summary = "Open the AWS console signed in as the profile's role.";
  static override description = `Trades the profile's role credentials for a one-time sign-in URL (AWS's federation getSigninToken flow) and opens it in the browser, or prints it with --no-browser or where no browser can open. The URL signs in anyone who opens it within 15 minutes: do not share it. The federation endpoint is https://signin.aws.amazon.com unless ${FEDERATION_ENDPOINT_ENV} is set.`;
  static override examples = [
    "sso console --profile dev",
    "sso console --profile dev --destination https://console.aws.amazon.com/s3/home",
    "sso console --profile dev --no-browser",
  ];
  static override flags = {
    destination: Flags.string({ summary: "Console URL to land on (default: the console home in the profile's region)." }),
    browser: Flags.boolean({ summary: "Open the URL in a browser (--no-browser prints it instead).", allowNo: true, default: true }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Console);
    const deps = this.deps;
    const profileName = resolveProfileName(deps, flags.profile);
    const region = profileRegion(await loadSharedConfig(deps), profileName);
    const creds = await resolveCredentials(deps, { profile: profileName, mfaCode: mfaPrompt(deps.env) });
    const url = await consoleSigninUrl(deps, creds, { destination: flags.destination, region, profileName });
    if (flags.browser && canOpenBrowser(deps.env)) {
      try {
        const open = (await import("open")).default;
        await open(url);
        process.stderr.write(`Opened the AWS console for profile ${profileName} (account ${creds.accountId}).\n`);
        return;
      } catch {
        // fall through: print it so the user can open it by hand
      }
    }
    process.stdout.write(`${url}\n`);
  }
}
