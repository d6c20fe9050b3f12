// Node's compile cache keeps V8 bytecode of the code a bin loads between runs (a few ms of every start). Whoever can
// write its directory chooses the code the next run executes, so it lives only in a directory of this user's that
// no one else can enter: $XDG_CACHE_HOME/sso-creds/node-compile-cache (or ~/.cache/...), created 0700 whatever the
// umask, then checked (a real directory, owned by this uid, no group/other bits; its parent ours and writable by us alone). If
// any check fails, or there is no absolute HOME, the cache stays off: a slower start, never someone else's code.
// The shared temp directory (Node's default, and this project's until issue 17) is never used.
// This file imports nothing, so the bins can load it before anything else (the shim bundles it on its own).

type Env = Record<string, string | undefined>;

/** The per-user compile cache directory for these env vars, or undefined where there is none (no absolute HOME). */
export function compileCacheDir(env: Env = process.env): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  // The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
  const base = xdg?.startsWith("/") ? xdg : env.HOME?.startsWith("/") ? `${env.HOME.replace(/\/+$/, "")}/.cache` : undefined;
  return base === undefined ? undefined : `${base.replace(/\/+$/, "")}/sso-creds/node-compile-cache`;
}

/** True when `path` is a directory (not a symlink) owned by this uid without any of the `denied` mode bits. */
function isOwnDir(fs: typeof import("node:fs"), path: string, uid: number, denied: number): boolean {
  const st = fs.lstatSync(path, { throwIfNoEntry: false });
  return st !== undefined && st.isDirectory() && st.uid === uid && (st.mode & denied) === 0;
}

/**
 * Turns the compile cache on in this user's private directory (see the header); returns that directory, or undefined
 * when the cache stays off. On Windows Node's default (the per-user %TEMP%) is used. Never throws.
 */
export function enableCompileCache(env: Env = process.env): string | undefined {
  try {
    const mod = process.getBuiltinModule("node:module");
    if (typeof mod.enableCompileCache !== "function") return undefined;
    if (process.platform === "win32") return mod.enableCompileCache().directory;
    const dir = compileCacheDir(env);
    const uid = process.getuid?.();
    if (dir === undefined || uid === undefined) return undefined;
    const fs = process.getBuiltinModule("node:fs");
    // mkdir's mode is masked by the umask, never widened: 0700 stays 0700 under umask 000, and an existing
    // directory is left as it is, then judged below.
    if (!isOwnDir(fs, dir, uid, 0o077)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // The directory: no access for group or others. Its parent: no one else may rename or replace it.
    if (!isOwnDir(fs, dir, uid, 0o077) || !isOwnDir(fs, dir.slice(0, dir.lastIndexOf("/")), uid, 0o022)) return undefined;
    // Node makes its per-version subdirectory with mode 0777 minus the umask: 0777 under umask 000. Harmless inside
    // a 0700 directory, but kept private all the same; the umask is restored before any other code runs.
    const umask = process.umask(0o077);
    try {
      return mod.enableCompileCache(dir).directory;
    } finally {
      process.umask(umask);
    }
  } catch {
    return undefined;
  }
}
