// Every bin as a user's shell starts it: the Node version guard (with the machine's own old Node) and the compile
// cache (issue 17, item 2: only ever in this user's private directory, whatever the umask or another user pre-created).
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bins } from "./support.js";

/** A `node` outside the project's .tools that is older than the supported 22.3 (the system Node 20 here). */
function oldNode(): { path: string; version: string } | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter).concat(["/usr/bin", "/usr/local/bin"])) {
    if (!dir || dir.includes(".tools") || dir.includes("node_modules")) continue;
    const r = spawnSync(join(dir, "node"), ["-p", "process.version"], { encoding: "utf8" });
    const v = r.stdout?.trim();
    if (r.status === 0 && v && /^v(1\d|2[01])\.|^v22\.[0-2]\./.test(v)) return { path: join(dir, "node"), version: v };
  }
  return undefined;
}

describe("Node version guard", () => {
  const old = oldNode();
  it("finds the machine's old Node to test with", () => {
    // This machine kind ships Node 20 as /usr/bin/node (environment.md); without one the guard is untested.
    expect(old, "no node older than 22.3 outside .tools").toBeDefined();
  });
  for (const [name, bin] of Object.entries(bins)) {
    it(`${name} on ${old?.version ?? "an old Node"} prints one line and exits 1 before loading anything`, () => {
      const home = mkdtempSync(join(tmpdir(), "sso-guard-"));
      try {
        const r = spawnSync(old!.path, [bin, "--version"], { encoding: "utf8", env: { PATH: "/usr/bin:/bin", HOME: home, TMPDIR: home } });
        expect(r.status).toBe(1);
        expect(r.stdout).toBe("");
        const lines = r.stderr.split("\n").filter(Boolean);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(new RegExp(`^${name} needs Node\\.js >= 22\\.3; found ${old!.version.replace(/\./g, "\\.")}\\. Install Node\\.js 22\\.3 or later.*: https://\\S+$`));
        // Nothing was loaded, so nothing was cached or written.
        expect(readdirSync(home)).toEqual([]);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    });
  }
});

/** Every path under dir with its mode, owner and kind. */
function walk(dir: string): { path: string; mode: number; uid: number; dir: boolean }[] {
  return readdirSync(dir, { recursive: true }).map((rel) => {
    const st = lstatSync(join(dir, String(rel)));
    return { path: String(rel), mode: st.mode & 0o7777, uid: st.uid, dir: st.isDirectory() };
  });
}

describe("compile cache (issue 17, item 2)", () => {
  const temps: string[] = [];
  afterEach(() => {
    for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
  });
  function setup() {
    const base = mkdtempSync(join(tmpdir(), "sso-ccache-"));
    temps.push(base);
    const home = join(base, "home");
    const tmp = join(base, "tmp");
    mkdirSync(home, { mode: 0o700 });
    mkdirSync(tmp, { mode: 0o1777 });
    chmodSync(tmp, 0o1777);
    return { home, tmp, own: join(home, ".cache/sso-creds/node-compile-cache") };
  }
  // The two bins that turn the cache on: the CLI and the shim (each on an invocation that loads its code).
  const runs = [
    { name: "sso", args: [bins.sso, "--version"] },
    { name: "sso-credential-process", args: [bins["sso-credential-process"], "--help"] },
  ];
  function runUnderUmask000(args: string[], home: string, tmp: string) {
    // umask 000 as a careless login shell or service manager sets it; TMPDIR is the shared temp directory.
    const script = `umask 000; exec "$0" "$@"`;
    return spawnSync("sh", ["-c", script, process.execPath, ...args], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: home, TMPDIR: tmp },
    });
  }

  for (const { name, args } of runs) {
    it(`${name} under umask 000 caches in ~/.cache/sso-creds/node-compile-cache (0700, ours) and nothing in TMPDIR`, () => {
      const { home, tmp, own } = setup();
      const r = runUnderUmask000(args, home, tmp);
      expect(r.status, r.stderr).toBe(0);
      expect(walk(tmp)).toEqual([]);
      const st = lstatSync(own);
      expect(st.isDirectory()).toBe(true);
      expect(st.uid).toBe(process.getuid!());
      expect((st.mode & 0o777).toString(8)).toBe("700");
      const entries = walk(home);
      // The cache was really used (V8 wrote its entries), and nothing on the way is writable by others.
      expect(entries.filter((e) => !e.dir).length).toBeGreaterThan(0);
      expect(entries.filter((e) => e.mode & 0o022).map((e) => `${e.path} ${e.mode.toString(8)}`)).toEqual([]);
      for (const d of [".cache", ".cache/sso-creds"]) expect((lstatSync(join(home, d)).mode & 0o777).toString(8)).toBe("700");
    });

    it(`${name} never writes into a cache directory someone else made or can write, and still runs`, () => {
      const { home, tmp, own } = setup();
      const foreign = 65534; // nobody
      const canChown = process.getuid?.() === 0;
      // Pre-created by "another user": the old shared location, and ours, world-writable.
      const planted = [join(tmp, "node-compile-cache"), own];
      for (const dir of planted) {
        mkdirSync(dir, { recursive: true });
        chmodSync(dir, 0o777);
        if (canChown) chownSync(dir, foreign, foreign);
      }
      let r = runUnderUmask000(args, home, tmp);
      expect(r.status, r.stderr).toBe(0);
      for (const dir of planted) expect(readdirSync(dir), dir).toEqual([]);

      // A symlink in place of our directory, to a directory of theirs: not followed.
      rmSync(own, { recursive: true });
      const theirs = join(tmp, "theirs");
      mkdirSync(theirs, { mode: 0o700 });
      if (canChown) chownSync(theirs, foreign, foreign);
      symlinkSync(theirs, own);
      r = runUnderUmask000(args, home, tmp);
      expect(r.status, r.stderr).toBe(0);
      expect(readdirSync(theirs)).toEqual([]);

      // Our directory 0700, but its parent writable by others (who could swap it): not used either.
      rmSync(own);
      mkdirSync(own, { mode: 0o700 });
      chmodSync(join(home, ".cache/sso-creds"), 0o777);
      r = runUnderUmask000(args, home, tmp);
      expect(r.status, r.stderr).toBe(0);
      expect(readdirSync(own)).toEqual([]);
    });
  }

  it("a foreign owner is refused even with mode 0700 (root only: chown)", () => {
    if (process.getuid?.() !== 0) throw new Error("run as root (CI does): the foreign-owner case needs chown");
    const { home, tmp, own } = setup();
    mkdirSync(own, { recursive: true, mode: 0o700 });
    chownSync(own, 65534, 65534);
    const r = runUnderUmask000(runs[0]!.args, home, tmp);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(own)).toEqual([]);
    expect(walk(tmp)).toEqual([]);
  });
});

