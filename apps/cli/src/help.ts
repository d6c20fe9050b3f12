import { Command, CommandHelp, Help } from "@oclif/core";

/** What every command's exit status means, unless the command says otherwise (`static exitCodes`). */
export const COMMON_EXIT_CODES: Readonly<Record<string, string>> = {
  0: "success",
  1: "failure: the one `sso: …` line on stderr says what is wrong and what to run",
  2: "usage error: unknown command or flag, missing or conflicting flags",
};

/** A command's own exit codes, merged over COMMON_EXIT_CODES in its help (the manifest keeps extra static properties). */
export type ExitCodes = Readonly<Record<string, string>>;

class SsoCommandHelp extends CommandHelp {
  protected override sections(): ReturnType<CommandHelp["sections"]> {
    const own = (this.command as Command.Loadable & { exitCodes?: ExitCodes }).exitCodes ?? {};
    const codes = { ...COMMON_EXIT_CODES, ...own };
    const body = Object.entries(codes) as Array<[string, string]>;
    return [...super.sections(), { header: "EXIT CODES", generate: (_data, header) => [{ header, body }] }];
  }
}

/** oclif's help, with an EXIT CODES section on every command. */
export default class SsoHelp extends Help {
  protected override CommandHelpClass: typeof CommandHelp = SsoCommandHelp;
}
