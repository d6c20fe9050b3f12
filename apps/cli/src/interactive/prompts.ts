import { SsoCredsError } from "@sso-creds/core";

/**
 * Prompts are drawn on stderr and read from the terminal, so `eval "$(sso env)"` and the `sso use` shell function
 * (whose stdout the shell captures) can still ask. Only where both are a terminal do we ask at all.
 */
export function canPrompt(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/** A choice in a searchable list: `name` is what is shown and what the typed fragment is matched against. */
export interface PickChoice<T> {
  value: T;
  name: string;
  /** Shown after the pick, instead of the whole row. */
  short?: string;
  description?: string;
}

type Prompts = typeof import("@inquirer/prompts");

/** @inquirer/prompts is loaded only here, on the interactive path: other commands never pay for it. */
async function prompts(): Promise<Prompts> {
  return import("@inquirer/prompts");
}

const context = () => ({ output: process.stderr, clearPromptOnDone: false });

/** Ctrl-C (or a closed terminal) in a prompt: nothing was written; exit 130 as a shell would, one line. */
function cancelled(e: unknown): never {
  const name = (e as { name?: string } | undefined)?.name;
  if (name === "ExitPromptError" || name === "AbortPromptError" || name === "CancelPromptError") {
    throw new SsoCredsError("Cancelled; nothing was changed.", { code: "Cancelled" });
  }
  throw e;
}

/** A fuzzy-search list (fzf's algorithm, as in the terminal tool): type a fragment, arrows move, Enter picks. */
export async function pick<T>(
  message: string,
  choices: ReadonlyArray<PickChoice<T>>,
  options: { pageSize?: number; extra?: (term: string) => Array<PickChoice<T>> } = {},
): Promise<T> {
  const [{ search }, { Fzf }] = await Promise.all([prompts(), import("fzf")]);
  const fzf = new Fzf<ReadonlyArray<PickChoice<T>>>(choices, { selector: (c: PickChoice<T>) => c.name, casing: "case-insensitive" });
  try {
    return await search<T>(
      {
        message,
        pageSize: options.pageSize ?? 12,
        source: (term) => {
          const found: ReadonlyArray<PickChoice<T>> = term ? fzf.find(term).map((r: { item: PickChoice<T> }) => r.item) : choices;
          return [...found, ...(term && options.extra ? options.extra(term.trim()) : [])].map((c: PickChoice<T>) => ({
            value: c.value,
            name: c.name,
            short: c.short ?? c.name,
            ...(c.description ? { description: c.description } : {}),
          }));
        },
      },
      context(),
    );
  } catch (e) {
    cancelled(e);
  }
}

/** A line of text; `validate` returns an error message to show, or true. */
export async function ask(message: string, options: { default?: string; validate?: (value: string) => string | true } = {}): Promise<string> {
  const { input } = await prompts();
  try {
    const answer = await input(
      { message, ...(options.default !== undefined ? { default: options.default } : {}), ...(options.validate ? { validate: (v: string) => options.validate!(v.trim()) } : {}) },
      context(),
    );
    return answer.trim();
  } catch (e) {
    cancelled(e);
  }
}

export async function confirm(message: string, defaultAnswer: boolean): Promise<boolean> {
  const { confirm: yesNo } = await prompts();
  try {
    return await yesNo({ message, default: defaultAnswer }, context());
  } catch (e) {
    cancelled(e);
  }
}
