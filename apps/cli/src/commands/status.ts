import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { statusReport, type StatusReport } from "../bodies/status.js";
import type { ExitCodes } from "../help.js";

export default class Status extends BaseCommand {
  static override summary = "Show which sso-sessions are logged in, and a profile's account, role and credential expiry.";
  static override aliases = ["whoami"];
  static override enableJsonFlag = true;
  static override examples = [
    { description: "Every sso-session in ~/.aws/config", command: "<%= config.bin %> <%= command.id %>" },
    { description: "One profile: its session, account, role and role-credential expiry", command: "<%= config.bin %> <%= command.id %> --profile dev" },
    { description: "As JSON, for scripts", command: "<%= config.bin %> whoami --profile dev --json" },
  ];
  static override description =
    "With --profile or --sso-session, exits 1 unless that one is logged in (for a profile: unless its role credentials can be had); with neither, lists every sso-session and legacy SSO start URL in ~/.aws/config and exits 1 when none is logged in. An expired token that can be refreshed counts as logged in: the next command refreshes it. `sso status --profile dev >/dev/null || sso login --profile dev`";
  static exitCodes: ExitCodes = {
    0: "logged in: the named profile's role credentials or the named sso-session's token are usable (with neither named: at least one sso-session is)",
    1: "not logged in (expired and not refreshable, or no token), the role credentials cannot be had, or another failure",
  };
  static override flags = {
    "sso-session": Flags.string({ description: "Only this [sso-session NAME].", exclusive: ["profile"] }),
  };

  public async run(): Promise<StatusReport["result"]> {
    const { flags } = await this.parse(Status);
    const report = await statusReport(this.deps, flags);
    if (!report.ok) process.exitCode = 1;
    if (!this.jsonEnabled()) for (const line of report.lines) this.log(line);
    return report.result;
  }
}
