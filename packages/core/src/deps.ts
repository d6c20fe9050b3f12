import type * as NodeFsPromises from "node:fs/promises";

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
  fs: typeof NodeFsPromises;
  /** Plain HTTP calls that are not an SDK client (the console's federation endpoint); when absent, network/networkGet (proxy, NO_PROXY and CA bundle as for the SDK clients). */
  fetch?: typeof fetch;
}

/** @internal The home directory as the SDKs find it: HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, then the OS. */
export function homedirFromEnv(env: Record<string, string | undefined>): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEDRIVE && env.HOMEPATH) return `${env.HOMEDRIVE}${env.HOMEPATH}`;
  return process.getBuiltinModule("node:os").homedir();
}

export function defaultDeps(overrides: Partial<CoreDeps> = {}): CoreDeps {
  const env = overrides.env ?? process.env;
  return {
    env,
    now: () => Date.now(),
    homedir: () => homedirFromEnv(env),
    fs: lazyFs,
    ...overrides,
  };
}

/**
 * For a short-lived process such as the credential_process shim: like defaultDeps, but readFile reads synchronously
 * before answering, which saves the thread-pool round trips of an asynchronous read (about 1 ms of a cache hit that
 * reads three small files). A long-running process (a server, the container's entry point) keeps defaultDeps.
 */
export function shortLivedDeps(overrides: Partial<CoreDeps> = {}): CoreDeps {
  return defaultDeps({ fs: lazyFsWith(readFileSync), ...overrides });
}

type ReadFileOptions = { encoding?: BufferEncoding | null; flag?: string } | BufferEncoding | null | undefined;
type ReadFile = (path: string, options: ReadFileOptions) => Promise<string | Buffer>;

/**
 * node:fs/promises, loaded on first use: it pulls in streams, readline and file watchers (~5 ms of module compilation),
 * which a credential_process cache hit (three small reads) should not pay. readFile answers through node:fs, which
 * Node has loaded at start-up already, with the same results and errors; everything else goes to node:fs/promises.
 */
function lazyFsWith(readFile: ReadFile): typeof NodeFsPromises {
  return new Proxy({} as typeof NodeFsPromises, {
    get(_target, name) {
      if (name === "readFile") return readFile;
      return Reflect.get(process.getBuiltinModule("node:fs/promises"), name);
    },
  });
}

function readFileAsync(path: string, options: ReadFileOptions): Promise<string | Buffer> {
  return new Promise((resolve, reject) => {
    process.getBuiltinModule("node:fs").readFile(path, options ?? null, (err, data) => (err ? reject(err) : resolve(data)));
  });
}

async function readFileSync(path: string, options: ReadFileOptions): Promise<string | Buffer> {
  return process.getBuiltinModule("node:fs").readFileSync(path, options as { encoding?: null; flag?: string } | null);
}

const lazyFs = lazyFsWith(readFileAsync);
