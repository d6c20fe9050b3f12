import { Flags } from "@oclif/core";
import { describeSession, type LoginFlow } from "@sso-creds/core";
import { BaseCommand, humanDuration } from "../base-command.js";
import { runLoginFlow } from "../loginFlow.js";

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
    const { session, oidcEndpoint, caBundle } = await this.sessionTarget(flags);
    const label = describeSession(session);
    const result = await runLoginFlow(this.deps, session, {
      label,
      useDeviceCode: flags["use-device-code"],
      noBrowser: flags["no-browser"],
      force: flags.force,
      oidcEndpoint,
      caBundle,
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
