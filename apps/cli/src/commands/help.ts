import { Args, loadHelpClass } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { unknownCommandLine } from "../suggest.js";

/** `sso help [COMMAND...]`: oclif's help, with an unknown command reported in our one-line style (plugin-help's is not). */
export default class HelpCommand extends BaseCommand {
  static override summary = "Show help for sso, or for one command.";
  static override strict = false;
  static override args = { command: Args.string({ description: "The command to show help for (words as typed: `sso help login`).", required: false }) };
  static override examples = ["<%= config.bin %> help", "<%= config.bin %> help exec"];

  async run(): Promise<void> {
    const { argv } = await this.parse(HelpCommand);
    const words = (argv as string[]).filter((a) => !a.startsWith("-"));
    const id = words.join(":");
    if (id && !this.config.findCommand(id) && !this.config.findTopic(id)) {
      process.stderr.write(`${unknownCommandLine(this.config, id, [], true)}\n`);
      this.exit(2);
    }
    const Help = await loadHelpClass(this.config);
    await new Help(this.config, this.config.pjson.oclif.helpOptions ?? {}).showHelp(words);
  }
}
