import { Flags } from "@oclif/core";
import { checkRegionFlag, isSsoCredsError, planProfiles, tildePath, withProgress, writeProfiles } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";
import { listFiltered } from "../listing.js";

export default class Populate extends BaseCommand {
  static override summary = "Write a [profile …] to ~/.aws/config for every account and role you can use.";
  static override description =
    "Profiles are named <AccountName>.<RoleName> (as aws-sso-util does) and marked sso_creds_managed = true. Only marked profiles are ever updated; a profile you wrote by hand is reported and left alone. Everything else in the file stays byte for byte. Running it again changes nothing.";
  static override examples = [
    "sso populate --sso-session my-sso",
    "sso populate --sso-session my-sso --prefix acme. --region eu-west-1 --dry-run",
    "sso populate --filter 'account=prod-*' --filter role=ReadOnlyAccess",
    "sso populate --prune --dry-run",
  ];
  static override flags = {
    "sso-session": Flags.string({ summary: "The [sso-session] to list accounts with; default: the --profile's, or the only one configured." }),
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
    const { session, ssoEndpoint, oidcEndpoint } = await this.sessionTarget(flags);
    const configFile = (await this.sharedConfig()).configFile;
    const file = tildePath(deps, configFile);
    let listing: Awaited<ReturnType<typeof listFiltered>>;
    try {
      listing = await listFiltered(deps, { session, ssoEndpoint, oidcEndpoint, profileName: undefined }, flags);
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
}
