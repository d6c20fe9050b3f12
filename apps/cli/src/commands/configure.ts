import { Flags } from "@oclif/core";
import { shellQuote } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";

export default class Configure extends BaseCommand {
  static override summary = "Set up an sso-session and a profile: log in, pick an account and role, write ~/.aws/config.";
  static override description = `Like 'aws configure sso': asks for the start URL, the SSO region and an sso-session name, logs in, lists the accounts and roles you may use in a searchable list, and writes [sso-session NAME] and [profile NAME] to ~/.aws/config, then offers to write a profile for every role (as sso populate). Every question has a flag; not at a terminal, the flags are the answers (--sso-start-url and --sso-region are then required, the rest have defaults).

The file is changed once, at the end, under its lock and atomically; every other section stays byte for byte. An existing sso-session with the same start URL and region is reused; a section of that name with other settings, or a profile you wrote by hand, is left alone and the name refused.`;
  static override examples = [
    { description: "Answer the questions", command: "<%= config.bin %> <%= command.id %>" },
    {
      description: "No questions (scripts, CI)",
      command:
        "<%= config.bin %> <%= command.id %> --sso-start-url https://d-0123456789.awsapps.com/start --sso-region us-east-1 --account-id 111111111111 --role-name AdministratorAccess --profile-name dev --use-device-code",
    },
  ];
  static override flags = {
    "sso-start-url": Flags.string({ summary: "The AWS access portal URL (https://d-xxxxxxxxxx.awsapps.com/start).", helpValue: "URL" }),
    "sso-region": Flags.string({ summary: "The region of IAM Identity Center.", helpValue: "REGION" }),
    "sso-session": Flags.string({ summary: "Name of the [sso-session] (default: the one with that start URL, else from the URL).", helpValue: "NAME" }),
    "account-id": Flags.string({ summary: "The account of the profile.", helpValue: "ID" }),
    "role-name": Flags.string({ summary: "The role (permission set) of the profile.", helpValue: "ROLE" }),
    "profile-name": Flags.string({ summary: "Name of the [profile] (default: <AccountName>.<RoleName>, as sso populate names it).", helpValue: "NAME" }),
    region: Flags.string({ summary: "The profile's default region (default: the SSO region).", helpValue: "REGION" }),
    populate: Flags.boolean({ summary: "Also write a profile for every account and role (as sso populate).", allowNo: true }),
    "use-device-code": Flags.boolean({ summary: "Log in with the device-code flow (confirm a code on any device)." }),
    "no-browser": Flags.boolean({ summary: "Do not open a browser; print the URL to open yourself." }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Configure);
    const config = await this.sharedConfig();
    const text = await this.deps.fs.readFile(config.configFile, "utf8").catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return "";
      throw e;
    });
    const { configure } = await import("../interactive/configure.js");
    const lines = await configure(
      this.deps,
      config,
      text,
      {
        startUrl: flags["sso-start-url"],
        ssoRegion: flags["sso-region"],
        ssoSession: flags["sso-session"],
        accountId: flags["account-id"],
        roleName: flags["role-name"],
        profileName: flags["profile-name"],
        region: flags.region,
        populate: flags.populate,
        useDeviceCode: flags["use-device-code"],
        noBrowser: flags["no-browser"],
      },
      usage(flags),
    );
    for (const line of lines) this.log(line);
  }
}

/** The command for a fix line: the flags given so far, placeholders for the two that are always needed. */
function usage(flags: Record<string, unknown>): string {
  const parts = ["sso configure", "--sso-start-url", shellQuote(String(flags["sso-start-url"] ?? "https://YOUR-ID.awsapps.com/start")), "--sso-region", String(flags["sso-region"] ?? "us-east-1")];
  for (const name of ["sso-session", "profile-name", "region"]) if (typeof flags[name] === "string") parts.push(`--${name}`, shellQuote(flags[name]));
  if (flags["use-device-code"]) parts.push("--use-device-code");
  return parts.join(" ");
}
