import type { RoleCredentials } from "../types.js";
import { credentialEnvVars } from "./credentialEnvVars.js";
import { formatCredentialProcess } from "./formatCredentialProcess.js";
import { quoteCmdSet, quoteDotenv, quoteFish, quotePowerShell, quoteSh } from "./quote.js";
import { nodeCrypto } from "../hash/nodeCrypto.js";

export const ENV_FORMATS = ["sh", "fish", "powershell", "windows-cmd", "dotenv", "json", "github", "process"] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];

export interface FormatCredentialsEnvOptions {
  format: EnvFormat;
  /** The profile's region; sets AWS_REGION and AWS_DEFAULT_REGION when present. */
  region?: string | undefined;
}

/**
 * Credentials as text for a shell, a file or a program. Every value is quoted for its format so
 * no value can run a command or start another variable, whatever characters it holds.
 * Output ends with a newline.
 */
export function formatCredentialsEnv(creds: RoleCredentials, options: FormatCredentialsEnvOptions): string {
  if (options.format === "process") return formatCredentialProcess(creds) + "\n";
  const vars = credentialEnvVars(creds, options.region);
  switch (options.format) {
    case "sh":
      return lines(vars.map(([name, value]) => `export ${name}=${quoteSh(value)}`));
    case "fish":
      return lines(vars.map(([name, value]) => `set -gx ${name} ${quoteFish(value)}`));
    case "powershell":
      return lines(vars.map(([name, value]) => `$Env:${name} = ${quotePowerShell(value)}`));
    case "windows-cmd":
      return lines(vars.map(([name, value]) => quoteCmdSet(name, value)));
    case "dotenv":
      return lines(vars.map(([name, value]) => `${name}=${quoteDotenv(value)}`));
    case "json":
      return JSON.stringify(Object.fromEntries(vars), null, 2) + "\n";
    case "github":
      return lines(vars.map(([name, value]) => githubEnvEntry(name, value)));
    default: {
      const unknown: never = options.format;
      throw new Error(`unknown format ${String(unknown)}`);
    }
  }
}

function lines(entries: string[]): string {
  return entries.join("\n") + "\n";
}

/**
 * One $GITHUB_ENV entry in the heredoc form @actions/core's exportVariable writes: a random
 * delimiter that the value cannot contain, so a value with newlines cannot add variables.
 */
function githubEnvEntry(name: string, value: string): string {
  let delimiter = `ghadelimiter_${nodeCrypto().randomUUID()}`;
  while (value.includes(delimiter)) delimiter = `ghadelimiter_${nodeCrypto().randomUUID()}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}`;
}
