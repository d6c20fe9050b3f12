import { Flags } from "@oclif/core";
import {
  describeSession,
  addSsoSessionSection,
  ConfigError,
  configFilePath,
  formatAwsTimestamp,
  importToken,
  listSsoSessions,
  parseAwsTimestamp,
  parseTokenInput,
  sameStartUrl,
  SsoCredsError,
  tildePath,
  tokenState,
  type SsoSession,
} from "@sso-creds/core";
import { BaseCommand } from "../../base-command.js";

export default class TokenImport extends BaseCommand {
  static override summary = "Store an SSO token exported on another machine ('sso token export') as this machine's token.";
  static override description = `Reads the token JSON on stdin, checks that it belongs to the sso-session (its start URL and region), and writes it to ~/.aws/sso/cache/<sha1>.json (0600, atomically, under the token's lock), where sso, the AWS CLI and the SDKs find it: no login needed here. With no --sso-session, the session whose sso_start_url matches the token's is used. A cached token that expires later is kept unless --force.`;
  static override examples = [
    { description: "From a logged-in laptop to a jump host", command: "sso token export --sso-session my-sso | ssh box <%= config.bin %> token import --sso-session my-sso" },
    { description: "From a file", command: "<%= config.bin %> token import --sso-session my-sso < token.json" },
  ];
  static override flags = {
    "sso-session": Flags.string({ description: "Store it as the token of this [sso-session NAME].", exclusive: ["profile"] }),
    force: Flags.boolean({ description: "Replace a cached token even when it expires later than the imported one." }),
    "write-config": Flags.boolean({
      description: "Add [sso-session NAME] (--sso-session) to ~/.aws/config with the token's start URL and region, for a machine with no config yet.",
      dependsOn: ["sso-session"],
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(TokenImport);
    if (process.stdin.isTTY) {
      throw new SsoCredsError("sso token import reads the token on stdin; nothing was piped in.", {
        code: "NoInput",
        fix: "sso token export --sso-session NAME | ssh THIS-HOST sso token import (run the export where you are logged in)",
      });
    }
    const text = await readStdin();
    const session = flags["write-config"] ? await this.writeSession(flags["sso-session"]!, text) : await this.importTarget(flags, text);
    const result = await importToken(this.deps, session, text, { force: flags.force });
    const state = tokenState(result.token, this.deps.now());
    const until = formatAwsTimestamp(parseAwsTimestamp(result.token.expiresAt)!);
    this.log(
      `Imported the token of ${describeSession(session)} into ${tildePath(this.deps, result.path)} (valid until ${until}, ${state.refreshable ? "refreshable" : "not refreshable"})${result.replaced ? ", replacing the one there" : ""}.`,
    );
  }

  /** --write-config: the [sso-session NAME] the token belongs to, added to ~/.aws/config unless it is there already. */
  private async writeSession(name: string, text: string): Promise<SsoSession> {
    const token = parseTokenInput(text, "the token on stdin");
    if (!token.startUrl || !token.region) {
      throw new ConfigError("The token on stdin does not say its start URL and region, so --write-config cannot write the sso-session.", {
        code: "TokenWithoutStartUrl",
        fix: `add [sso-session ${name}] with sso_start_url and sso_region to ${tildePath(this.deps, configFilePath(this.deps))} yourself, then import without --write-config`,
      });
    }
    const { path, added } = await addSsoSessionSection(this.deps, { name, startUrl: token.startUrl, region: token.region });
    if (added) this.log(`Added [sso-session ${name}] to ${tildePath(this.deps, path)} (sso_start_url = ${token.startUrl}, sso_region = ${token.region}).`);
    return { name, startUrl: token.startUrl, region: token.region, registrationScopes: ["sso:account:access"] };
  }

  /** --sso-session or --profile as usual; with neither, the configured session whose start URL the token names. */
  private async importTarget(flags: { profile?: string | undefined; "sso-session"?: string | undefined }, text: string): Promise<SsoSession> {
    if (flags["sso-session"] || this.profileFromFlagsOrEnv(flags.profile)) return (await this.sessionTarget(flags)).session;
    let startUrl: string | undefined;
    try {
      startUrl = parseTokenInput(text, "the token on stdin").startUrl;
    } catch {
      startUrl = undefined; // importToken reports what is wrong with it
    }
    if (!startUrl) return (await this.sessionTarget(flags)).session;
    const config = await this.sharedConfig();
    const file = tildePath(this.deps, config.configFile);
    const sessions = listSsoSessions(config).filter((s) => s.name !== undefined && sameStartUrl(s.startUrl, startUrl));
    if (sessions.length === 1) return sessions[0]!;
    if (sessions.length === 0) {
      throw new ConfigError(`No [sso-session] in ${file} has sso_start_url ${startUrl}.`, {
        code: "NoSessionForToken",
        fix: `sso token import --sso-session NAME --write-config (adds the section), or add [sso-session NAME] with sso_start_url = ${startUrl} to ${file}`,
      });
    }
    throw new ConfigError(`Several sso-sessions have sso_start_url ${startUrl} (${sessions.map((s) => s.name).join(", ")}).`, {
      code: "AmbiguousSession",
      fix: `name one: sso token import --sso-session ${sessions[0]!.name}`,
    });
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
