import { Flags } from "@oclif/core";
import { listAccountsAndRoles, planProfiles, tildePath, writeProfiles } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";

export default class Populate extends BaseCommand {
  static override summary = "Write a [profile …] to ~/.aws/config for every account and role you can use.";
  static override description =
    "Profiles are named <AccountName>.<RoleName> (as aws-sso-util does) and marked sso_creds_managed = true. Only marked profiles are ever updated; a profile you wrote by hand is reported and left alone. Everything else in the file stays byte for byte. Running it again changes nothing.";
  static override examples = ["sso populate --sso-session my-sso", "sso populate --sso-session my-sso --prefix acme. --region eu-west-1 --dry-run"];
  static override flags = {
    "sso-session": Flags.string({ summary: "The [sso-session] to list accounts with; default: the --profile's, or the only one configured." }),
    prefix: Flags.string({ summary: "Prepended to every profile name." }),
    region: Flags.string({ summary: "Written as each profile's region." }),
    "name-template": Flags.string({ summary: "Profile name from {accountName} {accountId} {roleName} {ssoSession} {region}.", default: "{accountName}.{roleName}" }),
    "dry-run": Flags.boolean({ summary: "Show what would change; write nothing.", default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Populate);
    const deps = this.deps;
    const { session, ssoEndpoint, oidcEndpoint } = await this.sessionTarget(flags);
    const configFile = (await this.sharedConfig()).configFile;
    const progress = progressLine(Boolean(process.stderr.isTTY));
    const accounts = await listAccountsAndRoles(deps, session, {
      ssoEndpoint,
      oidcEndpoint,
      onProgress: (done, total) => progress(`fetched roles for ${done}/${total} accounts`),
    });
    progress(undefined);
    const roles = accounts.flatMap((a) => a.roles.map((roleName) => ({ accountId: a.accountId, accountName: a.accountName, roleName })));
    const plan = planProfiles(roles, { ssoSession: session, prefix: flags.prefix, region: flags.region, nameTemplate: flags["name-template"] });
    const summary = await writeProfiles(deps, configFile, plan, { dryRun: flags["dry-run"] });

    const file = tildePath(deps, configFile);
    const verb = flags["dry-run"] ? "would add" : "added";
    process.stdout.write(
      `${file}: ${verb} ${summary.added.length}, ${flags["dry-run"] ? "would update" : "updated"} ${summary.updated.length}, unchanged ${summary.unchanged.length}, conflicts ${summary.conflicts.length} (${plan.length} roles in ${accounts.length} accounts)\n`,
    );
    if (flags["dry-run"]) for (const name of [...summary.added, ...summary.updated]) process.stdout.write(`  ${name}\n`);
    for (const c of summary.conflicts) process.stderr.write(`conflict: [profile ${c.profileName}] ${c.reason}\n`);
    for (const name of summary.stale) process.stderr.write(`stale: [profile ${name}] no longer matches a role you can use; delete it by hand if unwanted\n`);
  }
}

/** Progress on stderr: rewritten in place on a terminal, otherwise at most one line per 10% (logs stay short). */
function progressLine(tty: boolean): (text: string | undefined) => void {
  let lastDecile = -1;
  let shown = false;
  return (text) => {
    if (text === undefined) {
      if (tty && shown) process.stderr.write("\n");
      return;
    }
    if (tty) {
      process.stderr.write(`\r${text}`);
      shown = true;
      return;
    }
    const m = /(\d+)\/(\d+)/.exec(text);
    const decile = m ? Math.floor((10 * Number(m[1])) / Math.max(1, Number(m[2]))) : 0;
    if (decile !== lastDecile) {
      lastDecile = decile;
      process.stderr.write(`${text}\n`);
    }
  };
}
