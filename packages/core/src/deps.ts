import * as nodeFs from "node:fs/promises";
import { homedir as osHomedir } from "node:os";

/**
 * Side effects reach the rules through this, so the same code runs in the CLI, the shim,
 * the action and the container, and tests pass a temp HOME or a fixed clock instead of mocking modules.
 */
export interface CoreDeps {
  /** The environment as the user set it (AWS_CONFIG_FILE, AWS_PROFILE, HOME, AWS_ENDPOINT_URL_SSO, ...). */
  env: Record<string, string | undefined>;
  /** Epoch milliseconds. */
  now: () => number;
  /** The home directory as the JS SDK finds it: HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, os.homedir(). */
  homedir: () => string;
  fs: typeof nodeFs;
}

export function homedirFromEnv(env: Record<string, string | undefined>): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEDRIVE && env.HOMEPATH) return `${env.HOMEDRIVE}${env.HOMEPATH}`;
  return osHomedir();
}

export function defaultDeps(overrides: Partial<CoreDeps> = {}): CoreDeps {
  const env = overrides.env ?? process.env;
  return {
    env,
    now: () => Date.now(),
    homedir: () => homedirFromEnv(env),
    fs: nodeFs,
    ...overrides,
  };
}
