import { Flags } from "@oclif/core";
import { profileCredentialSource, shellQuote, SsoCredsError, serveFreshCredentials } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";
import { regionFlag } from "../flags.js";
import { mfaPrompt } from "../mfaPrompt.js";

// Settings that would win over the container endpoint in the SDKs' chains (env keys, profiles, another endpoint).
const SHADOWING_ENV = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"];

export default class Serve extends BaseCommand {
  static override summary = "Serve the profile's credentials on a local ECS-style endpoint, always fresh.";
  static override description = `Starts the container credential endpoint (the protocol ECS uses) on 127.0.0.1 with a random authorization token, and prints the variables to export. Every AWS SDK and the AWS CLI given those variables fetch credentials from it and come back before they expire; it answers from memory and renews them from the shared cache (~/.aws/cli/cache, the SSO token) ahead of expiry. Useful for long-running local processes and containers started with --network host. Stops on Ctrl-C.`;
  static override examples = [
    "sso serve --profile dev",
    "sso serve --profile dev --port 9911",
  ];
  static override flags = {
    region: regionFlag,
    port: Flags.integer({ summary: "Port on 127.0.0.1 (default: any free port).", min: 0, max: 65535, default: 0 }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Serve);
    const deps = this.deps;
    // The config is read once: every renewal fetches for the profile and region the printed variables name.
    const { profileName, region, fetch } = await profileCredentialSource(deps, {
      profile: await this.profileOrPick(flags.profile),
      region: flags.region,
      mfaCode: mfaPrompt(deps.env),
      lock: this.waitNotice,
    });
    // The first fetch fails now, in the terminal, rather than on the first request.
    const server = await serveFreshCredentials({
      fetch,
      port: flags.port,
      onRefreshError: (e) => process.stderr.write(`sso serve: refresh failed, serving the current credentials: ${(e as Error).message}\n`),
      onError: (e) => process.stderr.write(`sso serve: ${(e as Error).message}\n`),
    }).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE") throw e;
      throw new SsoCredsError(`Port ${flags.port} on 127.0.0.1 is already in use.`, { code: "PortInUse", fix: `sso serve --profile ${shellQuote(profileName)} --port 0` });
    });
    const lines = [
      `unset ${SHADOWING_ENV.join(" ")}`,
      `export AWS_CONTAINER_CREDENTIALS_FULL_URI=${shellQuote(server.url)}`,
      `export AWS_CONTAINER_AUTHORIZATION_TOKEN=${shellQuote(server.authToken)}`,
      ...(region ? [`export AWS_REGION=${shellQuote(region)}`, `export AWS_DEFAULT_REGION=${shellQuote(region)}`] : []),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    process.stderr.write(`Serving credentials for profile ${profileName} (account ${server.initial.accountId}) at ${server.url}. Export the variables above; Ctrl-C stops.\n`);

    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await server.close();
  }
}
