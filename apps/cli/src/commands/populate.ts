import { Flags } from "@oclif/core";
import { checkRegionFlag, checkWritableThroughLinks, configFilePath, isSsoCredsError, planProfiles, profileCaBundle, resolveEndpoint, shellQuote, tildePath, withProgress, writeProfiles, writeSsoConfig } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";
import { listFiltered } from "../listing.js";

export default class Populate extends BaseCommand {
  static override summary = "Write a [profile …] to ~/.aws/config for every account and role you can use.";
  static override description =
    "Profiles are named <AccountName>.<RoleName> (as aws-sso-util does) and marked sso_creds_managed = true. Only marked profiles are ever updated; a profile you wrote by hand is reported and left alone. Everything else in the file stays byte for byte. Running it again changes nothing.";
  static override examples = [
    "sso populate --sso-session my-sso",
    "sso populate --sso-start-url https://d-0123456789.awsapps.com/start --sso-region us-east-1   # no config yet",
    "sso populate --sso-session my-sso --prefix acme. --region eu-west-1 --dry-run",
    "sso populate --filter 'account=prod-*' --filter role=ReadOnlyAccess",
    "sso populate --prune --dry-run",
  ];
  static override flags = {
    "sso-session": Flags.string({ summary: "The [sso-session] to list accounts with; default: the --profile's, or the only one configured. With --sso-start-url: the name to give it." }),
    "sso-start-url": Flags.string({
      summary: "Bootstrap: the AWS access portal URL; with --sso-region, writes [sso-session] (reusing one with that URL), logs in, then populates.",
      helpValue: "URL",
      dependsOn: ["sso-region"],
      exclusive: ["profile"],
    }),
    "sso-region": Flags.string({ summary: "Bootstrap: the region of IAM Identity Center.", helpValue: "REGION", dependsOn: ["sso-start-url"] }),
    "use-device-code": Flags.boolean({ summary: "Bootstrap: log in with the device-code flow." }),
    "no-browser": Flags.boolean({ summary: "Bootstrap: do not open a browser; print the URL to open yourself." }),
    prefix: Flags.string({ summary: "Prepended to every profile name." }),
    region: Flags.string({ summary: "Written as each profile's region." }),
    "name-template": Flags.string({ summary: "Profile name from {accountName} {accountId} {roleName} {ssoSession} {region}.", default: "{accountName}.{roleName}" }),
    "dry-run": Flags.boolean({ summary: "Show what would change; write nothing.", default: false }),
    filter: Flags.string({
      summary: "Only these accounts/roles: [account=|role=]GLOB or /REGEX/flags; repeat for alternatives (same field) or to narrow (other fields).",
      multiple: true,
    }),
    prune: Flags.boolean({
      summary: "Remove the profiles populate wrote earlier (marked sso_creds_managed) for accounts or roles you no longer have.",
      default: false,
    }),
    quiet: Flags.boolean({ char: "q", summary: "No progress on stderr.", default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Populate);
    // Before any API call: a bad --region would otherwise fail only after listing every account.
    checkRegionFlag(flags.region);
    const deps = this.deps;
    // Likewise a config that is a link into a read-only place (home-manager's /nix/store): refused now, not after a
    // login, a picker or the listing.
    if (!flags["dry-run"]) await checkWritableThroughLinks(deps, configFilePath(deps));
    const { session, ssoEndpoint, oidcEndpoint, caBundle } = flags["sso-start-url"] ? await this.bootstrap(flags) : await this.sessionTarget(flags);
    const configFile = (await this.sharedConfig()).configFile;
    const file = tildePath(deps, configFile);
    let listing: Awaited<ReturnType<typeof listFiltered>>;
    try {
      listing = await listFiltered(deps, { session, ssoEndpoint, oidcEndpoint, caBundle, profileName: undefined }, flags, "sso populate");
    } catch (e) {
      // The listing is complete or nothing: say so, the file is as it was.
      throw isSsoCredsError(e) ? withProgress(e, `${file} was not changed`) : e;
    }
    const { accounts, filter } = listing;
    const roles = accounts.flatMap((a) => a.roles.map((roleName) => ({ accountId: a.accountId, accountName: a.accountName, roleName })));
    const plan = planProfiles(roles, { ssoSession: session, prefix: flags.prefix, region: flags.region, nameTemplate: flags["name-template"] });
    const summary = await writeProfiles(deps, configFile, plan, {
      dryRun: flags["dry-run"],
      prune: flags.prune,
      session: session.name ?? session.startUrl,
      ...(filter ? { inScope: (s: { accountId: string; accountName: string | undefined; roleName: string }) => filter.accepts(s, s.roleName) } : {}),
    });

    const dry = flags["dry-run"];
    const removed = flags.prune ? `, ${dry ? "would remove" : "removed"} ${summary.removed.length}` : "";
    process.stdout.write(
      `${file}: ${dry ? "would add" : "added"} ${summary.added.length}, ${dry ? "would update" : "updated"} ${summary.updated.length}${removed}, unchanged ${summary.unchanged.length}, conflicts ${summary.conflicts.length} (${plan.length} roles in ${accounts.length} accounts)\n`,
    );
    if (dry) for (const name of [...summary.added, ...summary.updated]) process.stdout.write(`  ${name}\n`);
    if (dry) for (const name of summary.removed) process.stdout.write(`  - ${name}\n`);
    for (const c of summary.conflicts) process.stderr.write(`conflict: [profile ${c.profileName}] ${c.reason}\n`);
    for (const name of summary.stale) process.stderr.write(`stale: [profile ${name}] no longer matches a profile populate writes; sso populate --prune removes it if its role is gone\n`);
  }

  /** --sso-start-url: the sso-session with that URL (or a new one, written once the login worked), logged in. */
  private async bootstrap(flags: { "sso-start-url"?: string; "sso-region"?: string; "sso-session"?: string; "use-device-code"?: boolean; "no-browser"?: boolean; "dry-run"?: boolean }) {
    const deps = this.deps;
    const config = await this.sharedConfig();
    const text = await deps.fs.readFile(config.configFile, "utf8").catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? "" : Promise.reject(e)));
    const { configureSession } = await import("../interactive/configure.js");
    const usage = `sso populate --sso-start-url ${shellQuote(flags["sso-start-url"]!)} --sso-region ${shellQuote(flags["sso-region"]!)} --sso-session NAME`;
    const session = await configureSession(
      deps,
      config,
      text,
      { startUrl: flags["sso-start-url"], ssoRegion: flags["sso-region"], ssoSession: flags["sso-session"], useDeviceCode: flags["use-device-code"], noBrowser: flags["no-browser"] },
      usage,
    );
    if (!flags["dry-run"]) {
      const written = await writeSsoConfig(deps, config.configFile, { session: { name: session.name!, startUrl: session.startUrl, region: session.region } });
      if (written.session === "added") process.stderr.write(`Wrote [sso-session ${session.name}] to ${tildePath(deps, config.configFile)}.\n`);
    }
    return { session, ssoEndpoint: resolveEndpoint(deps, config, "sso", undefined), oidcEndpoint: resolveEndpoint(deps, config, "sso_oidc", undefined), caBundle: profileCaBundle(deps, config) };
  }
}
