import { Flags } from "@oclif/core";
import { describeSession, type SsoAccountWithRoles } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";
import { listFiltered } from "../listing.js";

export default class List extends BaseCommand {
  static override summary = "List the AWS accounts and roles your sso-session can use.";
  static override description = "Reads every page of ListAccounts and ListAccountRoles (retrying throttling) with the cached token, refreshing it if needed.";
  static override enableJsonFlag = true;
  static override examples = [
    { description: "Accounts and roles of the only (or AWS_PROFILE's) sso-session", command: "<%= config.bin %> <%= command.id %>" },
    { description: "For one sso-session, as JSON", command: "<%= config.bin %> <%= command.id %> --sso-session my-sso --json" },
    { description: "Production accounts' admin roles", command: "<%= config.bin %> <%= command.id %> --filter 'account=prod-*' --filter 'role=/admin/i'" },
  ];
  static override flags = {
    "sso-session": Flags.string({ description: "The [sso-session NAME] to list.", exclusive: ["profile"] }),
    filter: Flags.string({
      summary: "Only these accounts/roles: [account=|role=]GLOB or /REGEX/flags; repeat for alternatives (same field) or to narrow (other fields).",
      multiple: true,
    }),
    quiet: Flags.boolean({ char: "q", summary: "No progress on stderr.", default: false }),
  };

  public async run(): Promise<SsoAccountWithRoles[]> {
    const { flags } = await this.parse(List);
    const target = await this.sessionTarget(flags);
    const { session } = target;
    const { accounts } = await listFiltered(this.deps, target, flags, "sso list");
    if (!this.jsonEnabled()) {
      const rows = accounts.map((a) => [a.accountId, a.accountName ?? "", a.roles.join(", ")]);
      this.log(table(["ACCOUNT ID", "NAME", "ROLES"], rows));
      this.log(`\n${accounts.length} account${accounts.length === 1 ? "" : "s"}, ${accounts.reduce((n, a) => n + a.roles.length, 0)} roles in ${describeSession(session)}.`);
    }
    return accounts;
  }
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  ").trimEnd();
  return [fmt(header), ...rows.map(fmt)].join("\n");
}
