import { Args } from "@oclif/core";
import { USE_SHELLS, type UseShell } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";
import { shellInit } from "../shell/shellInit.js";
import { SHELL_INIT } from "../shell/shells.js";

export default class ShellInit extends BaseCommand {
  static override summary = "Print the shell function that lets `sso use` set credentials in the current shell.";
  static override description =
    "Load it once from your shell's rc file. The function runs `sso use …` and evaluates what it prints; every other `sso …` goes to the program unchanged.";
  static override examples = USE_SHELLS.map((shell) => ({ description: `${SHELL_INIT[shell].label}: in ${SHELL_INIT[shell].rc}`, command: SHELL_INIT[shell].load }));
  static override args = {
    shell: Args.string({ description: "The shell.", options: [...USE_SHELLS], required: true }),
  };

  async run(): Promise<void> {
    const { args } = await this.parse(ShellInit);
    process.stdout.write(shellInit(args.shell as UseShell));
  }
}
