import { Flags } from "@oclif/core";
import { chooseLoginFlow, describeSession, login, type LoginFlow } from "@sso-creds/core";
import { BaseCommand, humanDuration } from "../base-command.js";
import { startSpinner } from "../spinner.js";

export default class Login extends BaseCommand {
  static override summary = "Log in to an AWS IAM Identity Center sso-session (reuses a valid token).";
  static override description = `Opens the browser (authorization code + PKCE, as AWS CLI v2) or, with --use-device-code or where no browser can open (SSH, CI, containers, no display), uses the device-code flow; the first line it prints says which flow and why. The token lands in ~/.aws/sso/cache, where the AWS CLI and the SDKs find it.

A cached token with more than 15 minutes left is reused (refreshed first if it can be) unless --force. Concurrent logins for the same sso-session wait for the first one instead of opening another browser tab.`;
  static override enableJsonFlag = true;
  static override examples = [
    { description: "Log in with the sso-session of profile dev", command: "<%= config.bin %> <%= command.id %> --profile dev" },
    { description: "Log in to an sso-session directly (no profile needed)", command: "<%= config.bin %> <%= command.id %> --sso-session my-sso" },
    { description: "Over SSH or in a container: show a URL and code to confirm on any device", command: "<%= config.bin %> <%= command.id %> --sso-session my-sso --use-device-code" },
    { description: "Print the URL instead of opening a browser", command: "<%= config.bin %> <%= command.id %> --no-browser" },
    { description: "Log in again even though the cached token is valid", command: "<%= config.bin %> <%= command.id %> --profile dev --force" },
  ];
  static override flags = {
    "sso-session": Flags.string({ description: "The [sso-session NAME] to log in to.", exclusive: ["profile"] }),
    "use-device-code": Flags.boolean({ description: "Use the device-code flow (confirm a code on any device)." }),
    "no-browser": Flags.boolean({ description: "Do not open a browser; print the URL (and code) to open yourself." }),
    force: Flags.boolean({ char: "f", description: "Log in even if a valid token is cached." }),
  };

  public async run(): Promise<{ ssoSession: string | undefined; startUrl: string; reused: boolean; flow: LoginFlow | undefined; expiresAt: string }> {
    const { flags } = await this.parse(Login);
    const { session, oidcEndpoint } = await this.sessionTarget(flags);
    const label = describeSession(session);
    // Which flow, and why, in one line shown when a login starts (not when a cached token is reused).
    const choice = chooseLoginFlow({ useDeviceCode: flags["use-device-code"], noBrowser: flags["no-browser"], legacy: session.name === undefined }, this.deps.env);
    const { flow, openBrowser: browserOk } = choice;
    const spinner = startSpinner();
    const openInBrowser = async (url: string) => {
      if (!browserOk) return;
      try {
        const open = (await import("open")).default;
        await open(url);
      } catch {
        // The URL is printed too; a failed launch is not fatal.
      }
    };

    // Ctrl-C: stop polling / listening and release the login lock before exiting.
    const abort = new AbortController();
    const onSigint = () => {
      abort.abort();
      // Waiting on another process's lock is not abortable: leave shortly either way.
      setTimeout(() => process.exit(130), 1000).unref();
    };
    process.once("SIGINT", onSigint);
    const result = await login(this.deps, session, {
      flow,
      signal: abort.signal,
      force: flags.force,
      oidcEndpoint,
      onWaitForOtherLogin: (holder) => spinner.update(`Waiting for another login in progress for ${label}${holder ? ` (pid ${holder.pid})` : ""}…`),
      openUrl: async (url) => {
        spinner.pause();
        // Which flow and why, with the prompt (a login that fails before it keeps its one error line).
        process.stderr.write(
          `${choice.reason}\n` +
          (browserOk
            ? `Opening the browser to log in to ${label}. If it does not open, visit:\n\n  ${url}\n\n`
            : `To log in to ${label}, open this URL in a browser on this machine:\n\n  ${url}\n\n`),
        );
        await openInBrowser(url);
        spinner.update("Waiting for the browser login…");
      },
      onPrompt: async ({ verificationUri, verificationUriComplete, userCode }) => {
        spinner.pause();
        process.stderr.write(
          `${choice.reason}\nTo log in to ${label}, open:\n\n  ${verificationUriComplete ?? verificationUri}\n\nand confirm the code: ${userCode}\n\n`,
        );
        await openInBrowser(verificationUriComplete ?? verificationUri);
        spinner.update("Waiting for approval…");
      },
    }).finally(() => {
      spinner.stop();
      process.removeListener("SIGINT", onSigint);
    });

    const left = humanDuration(result.expiresAt - this.deps.now());
    if (!this.jsonEnabled()) {
      this.log(result.reused ? `Reusing valid token for ${label} (expires in ${left}).` : `Logged in to ${label} (token valid for ${left}).`);
    }
    return {
      ssoSession: session.name,
      startUrl: session.startUrl,
      reused: result.reused,
      flow: result.flow,
      expiresAt: new Date(result.expiresAt).toISOString(),
    };
  }
}
