import { Args } from "@oclif/core";
import { SsoCredsError } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";
import { COMPLETION_SHELLS } from "../completion/complete.js";
import { completionScript } from "../completion/scripts.js";

/**
 * `sso completion SHELL`: the script for bash, zsh, fish or PowerShell. In place of @oclif/plugin-autocomplete, which
 * has no fish and completes no flag values: profile and sso-session names come from the config at every TAB.
 */
export default class Completion extends BaseCommand {
  static override summary = "Print the shell completion script (bash, zsh, fish, powershell).";
  static override description =
    "Completes commands, flags and flag values, with profile and sso-session names read from ~/.aws/config at each TAB, so profiles added later complete without regenerating the script. With no SHELL, the one $SHELL names.";
  static override aliases = ["autocomplete"];
  static override args = { shell: Args.string({ description: "The shell.", options: [...COMPLETION_SHELLS], required: false }) };
  static override examples = [
    { description: "bash: add to ~/.bashrc", command: `echo 'eval "$(<%= config.bin %> completion bash)"' >> ~/.bashrc` },
    { description: "zsh: add to ~/.zshrc", command: `echo 'eval "$(<%= config.bin %> completion zsh)"' >> ~/.zshrc` },
    { description: "fish", command: "<%= config.bin %> completion fish > ~/.config/fish/completions/<%= config.bin %>.fish" },
    { description: "PowerShell: add to $PROFILE", command: "<%= config.bin %> completion powershell | Out-String | Invoke-Expression" },
  ];

  async run(): Promise<void> {
    const { args } = await this.parse(Completion);
    const fromEnv = (this.deps.env.SHELL ?? "").split("/").pop()?.replace(/^pwsh$/, "powershell");
    const shell = args.shell ?? (fromEnv && COMPLETION_SHELLS.includes(fromEnv) ? fromEnv : undefined);
    if (!shell) {
      throw new SsoCredsError(`Which shell? SHELL (${this.deps.env.SHELL ?? "unset"}) is not one of ${COMPLETION_SHELLS.join(", ")}.`, {
        code: "UsageError",
        fix: `sso completion ${COMPLETION_SHELLS.join("|")}`,
      });
    }
    process.stdout.write(completionScript(shell, this.config.bin));
  }
}
