import { Flags } from "@oclif/core";
import { describeSession, listSsoProfiles, logout, profileCaBundle, resolveEndpoint, tildePath } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";

export default class Logout extends BaseCommand {
  static override summary = "Log out: revoke and delete cached SSO tokens and role credentials.";
  static override description = `Like 'aws sso logout': calls Logout for each token, deletes the token files in ~/.aws/sso/cache and the SSO role credentials in ~/.aws/cli/cache. Static profiles written by 'sso env --write-credentials' from those sessions are removed from ~/.aws/credentials too. Client registrations stay. With no flag, logs out of every sso-session (as the AWS CLI does); with --profile or --sso-session, only that session (and the cached credentials of the profiles in ~/.aws/config that use it).`;
  static override enableJsonFlag = true;
  static override examples = [
    { description: "Log out of everything (as aws sso logout)", command: "<%= config.bin %> <%= command.id %>" },
    { description: "Log out of one sso-session", command: "<%= config.bin %> <%= command.id %> --sso-session my-sso" },
    { description: "Log out of the sso-session that profile dev uses", command: "<%= config.bin %> <%= command.id %> --profile dev" },
  ];
  static override flags = {
    "sso-session": Flags.string({ description: "Log out of this [sso-session NAME] only.", exclusive: ["profile", "all"] }),
    all: Flags.boolean({ description: "Log out of every cached token (the default).", exclusive: ["profile"] }),
  };

  public async run(): Promise<{ tokensRemoved: number; credentialsRemoved: number; profilesRemoved: string[]; revoked: number }> {
    const { flags } = await this.parse(Logout);
    const one = Boolean(flags["sso-session"] || flags.profile) && !flags.all;
    let result;
    let label = "all sso-sessions";
    if (one) {
      const { session, ssoEndpoint, caBundle } = await this.sessionTarget(flags);
      label = describeSession(session);
      const profiles = listSsoProfiles(await this.sharedConfig());
      result = await logout(this.deps, { session, profiles, ssoEndpoint, caBundle });
    } else {
      const config = await this.sharedConfig().catch(() => undefined);
      const profileName = this.profileFromFlagsOrEnv(flags.profile);
      const ssoEndpoint = config ? resolveEndpoint(this.deps, config, "sso", profileName) : undefined;
      result = await logout(this.deps, { all: true, ssoEndpoint, caBundle: config ? profileCaBundle(this.deps, config, profileName) : undefined });
    }
    const sections = result.profileSections.flatMap((f) => f.removed.map((h) => ({ path: f.path, header: h })));
    if (!this.jsonEnabled()) {
      for (const s of sections) this.log(`Removed [${s.header}] from ${tildePath(this.deps, s.path)} (written by sso env --write-credentials).`);
      if (result.tokenFiles.length === 0) this.log(`Not logged in to ${label}; nothing to do.`);
      else {
        this.log(`Logged out of ${label}: removed ${plural(result.tokenFiles.length, "token")} and ${plural(result.credentialFiles.length, "cached credential file")}.`);
        for (const f of [...result.tokenFiles, ...result.credentialFiles]) this.log(`  deleted ${tildePath(this.deps, f)}`);
        if (result.revokeFailed > 0) process.stderr.write(`Note: the service did not confirm Logout for ${plural(result.revokeFailed, "token")}; the local files are gone anyway.\n`);
      }
    }
    return {
      tokensRemoved: result.tokenFiles.length,
      credentialsRemoved: result.credentialFiles.length,
      profilesRemoved: sections.map((s) => s.header),
      revoked: result.revoked,
    };
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
