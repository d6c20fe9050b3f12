import { spawn } from "node:child_process";
import { Flags } from "@oclif/core";
import {
  BROWSER_NAMES,
  browserLaunch,
  canOpenBrowser,
  CONSOLE_SERVICES,
  consoleDestination,
  consoleSigninUrl,
  FEDERATION_ENDPOINT_ENV,
  findOnPath,
  profileCaBundle,
  profileCredentialSource,
  oneTimeRedirect,
  SsoCredsError,
  type BrowserChoice,
} from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";
import { mfaPrompt } from "../mfaPrompt.js";

/** Profile settings that make `sso console -p prod` always open prod's browser profile. */
const SETTINGS = { browser: "sso_creds_browser", browserProfile: "sso_creds_browser_profile", firefoxContainer: "sso_creds_firefox_container" } as const;

export default class Console extends BaseCommand {
  static override summary = "Open the AWS console signed in as the profile's role.";
  static override description = `Trades the profile's role credentials for a one-time sign-in URL (AWS's federation getSigninToken flow) and opens it in the browser, or prints it with --no-browser or where no browser can open. The URL signs in anyone who opens it within 15 minutes: do not share it. The browser is handed a one-use loopback address that redirects to it, so the sign-in URL never appears in a process list.

--service opens a service's page (${CONSOLE_SERVICES.slice(0, 12).join(", ")}, …, or any console path such as ec2/home#Instances:) in --region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region). --browser, --browser-profile and --firefox-container pick where it opens; to make that the default for a profile, put ${SETTINGS.browser}, ${SETTINGS.browserProfile} or ${SETTINGS.firefoxContainer} in its [profile] section. The federation endpoint is https://signin.aws.amazon.com unless ${FEDERATION_ENDPOINT_ENV} is set.`;
  static override examples = [
    "sso console --profile dev",
    "sso console --profile dev --service s3 --region eu-west-1",
    "sso console --profile prod --browser chrome --browser-profile 'Profile 2'",
    "sso console --profile prod --firefox-container prod",
    "sso console --profile dev --destination https://console.aws.amazon.com/billing/home",
    "sso console --profile dev --no-browser",
  ];
  static override flags = {
    service: Flags.string({ char: "s", summary: "Open this service's page (s3, ec2, iam, lambda, …) or console path.", exclusive: ["destination"] }),
    region: Flags.string({ char: "r", summary: "The console's region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region)." }),
    destination: Flags.string({ summary: "Console URL to land on (default: the console home in the region)." }),
    browser: Flags.string({ summary: `Open it in this browser: ${BROWSER_NAMES.join(", ")}, or a path.`, helpValue: "NAME|PATH" }),
    "browser-profile": Flags.string({ summary: "The browser profile to open it in (Chrome/Edge/Brave --profile-directory, Firefox -P).", helpValue: "NAME" }),
    "firefox-container": Flags.string({
      summary: "Open it in this Firefox container (needs the 'Open external links in a container' add-on); NAME defaults to the profile name.",
      helpValue: "NAME",
    }),
    "no-browser": Flags.boolean({ summary: "Print the URL instead of opening a browser.", exclusive: ["browser", "browser-profile", "firefox-container"] }),
  };

  async run(): Promise<void> {
    // --firefox-container takes an optional NAME: bare (last, or before another flag), it means the profile's name.
    const argv = this.argv.flatMap((a, i, all) => (a === "--firefox-container" && (i === all.length - 1 || all[i + 1]!.startsWith("-")) ? [a, ""] : [a]));
    const { flags } = await this.parse(Console, argv);
    const deps = this.deps;
    // The config is read once: the region, the browser settings, the CA bundle and the credentials all come from it.
    const { profileName, config, region, fetch } = await profileCredentialSource(deps, {
      profile: await this.profileOrPick(flags.profile),
      region: flags.region,
      mfaCode: mfaPrompt(deps.env),
      lock: this.waitNotice,
    });
    const section = config.profiles[profileName] ?? {};
    const setting = (key: string): string | undefined => (typeof section[key] === "string" && section[key] !== "" ? (section[key] as string) : undefined);
    const destination = consoleDestination({ destination: flags.destination, service: flags.service, region });
    const choice: BrowserChoice = {
      browser: flags.browser ?? setting(SETTINGS.browser),
      browserProfile: flags["browser-profile"] ?? setting(SETTINGS.browserProfile),
      firefoxContainer: flags["firefox-container"] === "" ? profileName : (flags["firefox-container"] ?? setting(SETTINGS.firefoxContainer)),
    };
    const which = (c: string) => findOnPath(deps.env, c);
    // Check the browser options before any credentials are fetched: a typo fails at once.
    const planned = flags["no-browser"] ? undefined : browserLaunch("about:blank", choice, which);

    const creds = await fetch();
    const url = await consoleSigninUrl(deps, creds, { destination, region, profileName, caBundle: profileCaBundle(deps, config, profileName) });
    if (flags["no-browser"] || (!planned && !canOpenBrowser(deps.env))) {
      process.stdout.write(`${url}\n`);
      return;
    }
    const redirect = await oneTimeRedirect(url);
    try {
      const launch = browserLaunch(redirect.url, choice, which);
      if (launch) await startDetached(launch.command, launch.args);
      else await (await import("open")).default(redirect.url);
    } catch (e) {
      redirect.close();
      if (e instanceof SsoCredsError) throw e;
      process.stderr.write(`Could not start a browser (${(e as Error).message}); open this URL yourself within 15 minutes, and do not share it:\n`);
      process.stdout.write(`${url}\n`);
      return;
    }
    if (await redirect.served) {
      const where = [choice.browser, choice.browserProfile && `profile ${choice.browserProfile}`, choice.firefoxContainer && `container ${choice.firefoxContainer}`].filter(Boolean).join(", ");
      process.stderr.write(`Opened the AWS console for profile ${profileName} (account ${creds.accountId})${where ? ` in ${where}` : ""}.\n`);
      return;
    }
    process.stderr.write("The browser did not open the sign-in page within 60 s; open this URL yourself within 15 minutes, and do not share it:\n");
    process.stdout.write(`${url}\n`);
  }
}

/** Start the browser on its own (it outlives us); resolve once it started, reject if it could not be run. */
function startDetached(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: "ignore" });
    child.once("error", reject);
    child.once("spawn", () => {
      child.unref();
      resolve();
    });
  });
}
