import { Flags } from "@oclif/core";
import { listSsoSessions, loadSharedConfig } from "@sso-creds/core";
import { BaseCommand } from "../base-command.js";
import { complete, splitLine, type CommandSpec } from "../completion/complete.js";

/** What the completion scripts call at each TAB: `sso __complete -- WORDS...` (the last is the word being completed). */
export default class CompleteCommand extends BaseCommand {
  static override hidden = true;
  static override strict = false;
  static override summary = "Completion candidates for the words after `sso` (used by the completion scripts).";
  static override flags = { line: Flags.string({ summary: "The command line up to the cursor, split here (PowerShell)." }) };

  async run(): Promise<void> {
    const argv = [...this.argv];
    const dashDash = argv.indexOf("--");
    const { flags } = await this.parse(CompleteCommand, dashDash >= 0 ? argv.slice(0, dashDash) : argv);
    const words = flags.line !== undefined ? splitLine(flags.line).slice(1) : dashDash >= 0 ? argv.slice(dashDash + 1) : [];
    const commands: CommandSpec[] = this.config.commands.map((c) => ({
      id: c.id,
      aliases: c.aliases,
      hidden: Boolean(c.hidden),
      summary: c.summary ?? c.description?.split("\n")[0],
      strict: c.strict !== false,
      flags: Object.fromEntries(
        Object.entries(c.flags).map(([name, f]) => [name, { char: f.char, type: f.type, options: f.type === "option" ? f.options : undefined, summary: f.summary ?? f.description, hidden: f.hidden, multiple: f.type === "option" ? f.multiple : false }]),
      ),
    }));
    // The config is read only when a value is asked for, and a broken one completes nothing rather than failing.
    let config: Promise<Awaited<ReturnType<typeof loadSharedConfig>> | undefined> | undefined;
    const load = () => (config ??= loadSharedConfig(this.deps).catch(() => undefined));
    const result = await complete(commands, words, {
      profiles: async () => Object.keys((await load())?.profiles ?? {}),
      ssoSessions: async () => Object.keys((await load())?.ssoSessions ?? {}),
      regions: async () => {
        const c = await load();
        if (!c) return [];
        const seen = [...Object.values(c.profiles).map((p) => p.region), ...listSsoSessions(c).map((s) => s.region)];
        return seen.filter((r): r is string => typeof r === "string" && r !== "").sort();
      },
    });
    process.stdout.write([...result.candidates, result.fallback ? ":1" : ":0"].join("\n") + "\n");
  }
}
