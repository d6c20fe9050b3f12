import { Args } from "@oclif/core";
import { USE_SHELLS, type UseShell } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";
import { shellInit } from "../shell/shellInit.js";

export default class ShellInit extends BaseCommand {
  static override summary = "Print the shell function that lets `sso use` set credentials in the current shell.";
  static override description =
    "Load it once from your shell's rc file. The function runs `sso use …` and evaluates what it prints; every other `sso …` goes to the program unchanged.";
  static override examples = [
    { description: "bash: in ~/.bashrc", command: 'eval "$(sso shell-init bash)"' },
    { description: "zsh: in ~/.zshrc", command: 'eval "$(sso shell-init zsh)"' },
    { description: "fish: in ~/.config/fish/config.fish", command: "sso shell-init fish | source" },
    { description: "PowerShell: in $PROFILE", command: "sso shell-init powershell | Out-String | Invoke-Expression" },
  ];
  static override args = {
    shell: Args.string({ description: "The shell.", options: [...USE_SHELLS], required: true }),
  };

  async run(): Promise<void> {
    const { args } = await this.parse(ShellInit);
    process.stdout.write(shellInit(args.shell as UseShell));
  }
}
