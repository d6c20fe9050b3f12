import { Flags } from "@oclif/core";
import { describeSession, exportToken, formatAwsTimestamp, parseAwsTimestamp, SsoCredsError, tokenState } from "@sso-creds/core";
import { BaseCommand } from "../../base-command.js";

export default class TokenExport extends BaseCommand {
  static override summary = "Print the SSO token as JSON, to copy it to another machine or into a CI secret.";
  static override description = `Prints the sso-session's token file (~/.aws/sso/cache/<sha1>.json, as the AWS CLI writes it), refreshed first if it is within 15 minutes of expiry. It is a secret: it is not printed to a terminal unless --force. Import it elsewhere with 'sso token import'.

The full token carries the refresh token: a copy that refreshes gets a new refresh token from IAM Identity Center and the original's stops working, so the machine you copied from must then log in again. With --no-refresh-token the copy has only the access token (no refresh token, no client secret): it can never refresh, so it cannot disturb the original, and it works only until the access token expires (about 8 hours after login).`;
  static override examples = [
    { description: "Copy the token to a jump host", command: "<%= config.bin %> token export --sso-session my-sso | ssh box sso token import --sso-session my-sso" },
    { description: "A copy that cannot rotate the original's refresh token", command: "<%= config.bin %> token export --sso-session my-sso --no-refresh-token | ssh box sso token import" },
    { description: "Into a GitHub secret for the action", command: "<%= config.bin %> token export --sso-session my-sso | gh secret set AWS_SSO_TOKEN" },
  ];
  static override flags = {
    "sso-session": Flags.string({ description: "Export the token of this [sso-session NAME].", exclusive: ["profile"] }),
    "refresh-token": Flags.boolean({
      summary: "Include the refresh token and client registration (--no-refresh-token leaves them out).",
      description: "Without them the copy cannot refresh: it never rotates the original's refresh token, and lives only until the access token expires.",
      allowNo: true,
      default: true,
    }),
    force: Flags.boolean({ description: "Print the token even when stdout is a terminal." }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(TokenExport);
    const { session, profileName, oidcEndpoint } = await this.sessionTarget(flags);
    if (process.stdout.isTTY && !flags.force) {
      const which = session.name !== undefined ? `--sso-session ${session.name}` : `--profile ${profileName ?? "PROFILE"}`;
      throw new SsoCredsError("The token is a secret; refusing to print it to a terminal.", {
        code: "SecretToTerminal",
        fix: `sso token export ${which} | ssh HOST sso token import ${which} (or add --force to print it here)`,
      });
    }
    const { json, token } = await exportToken(this.deps, session, {
      stripRefreshToken: !flags["refresh-token"],
      profileName,
      oidcEndpoint,
      onRefreshError: (e) => process.stderr.write(`sso: note: the token could not be refreshed before export (${e.message}); exporting it as it is.\n`),
    });
    process.stdout.write(`${json}\n`);
    const expiresAt = formatAwsTimestamp(parseAwsTimestamp(token.expiresAt)!);
    const kind = tokenState(token, this.deps.now()).refreshable ? "refreshable" : "access token only: it cannot be refreshed";
    process.stderr.write(`Exported the token of ${describeSession(session)} (valid until ${expiresAt}, ${kind}).\n`);
  }
}
