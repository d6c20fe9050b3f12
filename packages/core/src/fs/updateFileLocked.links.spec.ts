import { spawnSync } from "node:child_process";
import * as nodeFs from "node:fs/promises";
import { lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseAwsIni } from "../config/parseAwsIni.js";
import { SsoCredsError } from "../errors.js";
import { modeOf } from "../test-support/fixtures.js";
import { spawnWorkers } from "../test-support/spawnWorkers.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { writeProfileFiles } from "../profile-files/profileFiles.js";
import { updateFileLocked } from "./updateFileLocked.js";
import { writeFileAtomic } from "./writeFileAtomic.js";

const OLD = "[default]\nregion = us-east-1\n";
const NEW = "[default]\nregion = eu-west-1\n";
const append = (before: string | undefined) => ({ text: `${before ?? ""}[profile added]\nregion = eu-west-1\n`, result: undefined });

// ~/.aws/config as a link into a dotfiles repository (GNU stow, chezmoi, yadm, home-manager): a write goes through it.
describe("updateFileLocked through a symbolic link", () => {
  let t: TempHome;
  let aws: string;
  let dots: string;
  let config: string;
  beforeEach(async () => {
    t = await createTempHome();
    aws = join(t.home, ".aws");
    dots = join(t.home, "dotfiles", "aws");
    config = join(aws, "config");
    await mkdir(aws, { recursive: true });
    await mkdir(dots, { recursive: true });
  });
  afterEach(() => t.cleanup());

  /** The link is still the same link, the target holds `text` (0600), and neither directory keeps a temp or lock file. */
  async function expectWrittenThrough(link: string, linkText: string, target: string, text: string) {
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(linkText);
    expect(await readFile(target, "utf8")).toBe(text);
    expect(await modeOf(target)).toBe(0o600);
    for (const dir of [aws, dots]) expect((await readdir(dir)).filter((n) => /\.(tmp|lock)$/.test(n))).toEqual([]);
  }

  it("a link into another directory: the target is replaced, the link stays", async () => {
    const target = join(dots, "config");
    await writeFile(target, OLD, { mode: 0o644 });
    await symlink(target, config);
    await updateFileLocked(t.deps, config, (before) => (expect(before).toBe(OLD), { text: NEW, result: undefined }));
    await expectWrittenThrough(config, target, target, NEW);
  });

  it("a relative link resolves against the link's directory", async () => {
    await writeFile(join(dots, "config"), OLD);
    await symlink("../dotfiles/aws/config", config);
    await updateFileLocked(t.deps, config, append);
    await expectWrittenThrough(config, "../dotfiles/aws/config", join(dots, "config"), `${OLD}[profile added]\nregion = eu-west-1\n`);
  });

  it("a chain of two links is followed to its end", async () => {
    await writeFile(join(dots, "config.real"), OLD);
    await symlink("config.real", join(dots, "config"));
    await symlink(join(dots, "config"), config);
    await updateFileLocked(t.deps, config, append);
    await expectWrittenThrough(config, join(dots, "config"), join(dots, "config.real"), `${OLD}[profile added]\nregion = eu-west-1\n`);
    expect(await readlink(join(dots, "config"))).toBe("config.real");
  });

  it("a dangling link creates its target (as `aws configure set` does), in a new directory if need be", async () => {
    const target = join(dots, "new", "config");
    await symlink(target, config);
    await updateFileLocked(t.deps, config, (before) => (expect(before).toBeUndefined(), { text: NEW, result: undefined }));
    await expectWrittenThrough(config, target, target, NEW);
  });

  it("deleting a file we created through a dangling link removes the target and leaves the link as it was", async () => {
    const target = join(dots, "config");
    await symlink(target, config);
    await updateFileLocked(t.deps, config, () => ({ text: NEW, result: undefined }));
    await updateFileLocked(t.deps, config, () => ({ text: null, result: undefined }));
    expect(await readlink(config)).toBe(target);
    await expect(lstat(target)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("a loop is the one-line ELOOP error, and nothing is written", async () => {
    await symlink(join(dots, "config"), config);
    await symlink(config, join(dots, "config"));
    const err = await updateFileLocked(t.deps, config, () => ({ text: NEW, result: undefined })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SsoCredsError);
    expect((err as SsoCredsError).code).toBe("ConfigUnreadable");
    expect((err as SsoCredsError).toUserLine("sso")).toBe(`sso: ~/.aws/config is a symbolic link that loops (ELOOP); nothing can be read through it. Run: rm ${config}`);
    expect((await readdir(aws)).sort()).toEqual(["config"]);
    expect(await readdir(dots)).toEqual(["config"]);
  });

  it("writers naming the link and the target take one lock, beside the target", async () => {
    const target = join(dots, "config");
    await writeFile(target, OLD);
    await symlink(target, config);
    const seen: string[] = [];
    const spy = { ...t.deps, fs: { ...nodeFs, link: ((from: string, to: string) => (seen.push(to), nodeFs.link(from, to))) as typeof nodeFs.link } };
    await updateFileLocked(spy, config, append);
    await updateFileLocked(spy, target, append);
    await updateFileLocked(spy, join(t.home, "dotfiles", ".", "aws", "..", "aws", "config"), append);
    expect(seen).toEqual([`${target}.lock`, `${target}.lock`, `${target}.lock`]);
  });

  describe("a target that cannot be written", () => {
    const line = (code: string) =>
      `sso: ~/.aws/config is a link to /nix/store/abc-home-manager-files/.aws/config, which cannot be written (${code}). Fix: edit the file it is made from, or set AWS_CONFIG_FILE to a writable file`;
    /** home-manager's read-only store, simulated: its file exists and reads, `access` for writing says `code`. */
    function readOnlyStore(store: string, code = "EROFS") {
      const deny = (p: unknown) => String(p).startsWith(store);
      const fail = (op: string, p: unknown) => Promise.reject(Object.assign(new Error(`${code}: ${op} '${String(p)}'`), { code }));
      const fs = {
        ...nodeFs,
        realpath: ((p: string) => (deny(p) ? Promise.resolve(p) : nodeFs.realpath(p))) as typeof nodeFs.realpath,
        lstat: ((p: string) => (deny(p) ? nodeFs.lstat(join(t.home, "store-file")) : nodeFs.lstat(p))) as typeof nodeFs.lstat,
        readFile: ((p: string, o: never) => (deny(p) ? Promise.resolve(OLD) : nodeFs.readFile(p, o))) as typeof nodeFs.readFile,
        access: ((p: string, m?: number) => (deny(p) ? fail("access", p) : nodeFs.access(p, m))) as typeof nodeFs.access,
      };
      return { ...t.deps, fs };
    }

    it.each(["EROFS", "EACCES"])("fails before anything changes with one line saying why and what to do (%s)", async (code) => {
      const store = "/nix/store/abc-home-manager-files";
      await writeFile(join(t.home, "store-file"), OLD);
      await symlink(`${store}/.aws/config`, config);
      let edited = false;
      const err = await updateFileLocked(readOnlyStore(store, code), config, () => ((edited = true), { text: NEW, result: undefined })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SsoCredsError);
      expect((err as SsoCredsError).code).toBe("ConfigNotWritable");
      expect((err as SsoCredsError).toUserLine("sso")).toBe(line(code));
      expect(edited).toBe(false);
      expect(await readlink(config)).toBe(`${store}/.aws/config`);
      expect(await readdir(aws)).toEqual(["config"]);
    });

    it("a write the directory check let through but the file system refused (an immutable file) is the same line", async () => {
      const target = join(dots, "config");
      await writeFile(target, OLD);
      await symlink(target, config);
      const fs = { ...nodeFs, rename: ((from: string) => nodeFs.rm(from).then(() => Promise.reject(Object.assign(new Error("EPERM: rename"), { code: "EPERM" })))) as typeof nodeFs.rename };
      const err = await updateFileLocked({ ...t.deps, fs }, config, () => ({ text: NEW, result: undefined })).catch((e: unknown) => e);
      expect((err as SsoCredsError).toUserLine()).toBe(`~/.aws/config is a link to ~/dotfiles/aws/config, which cannot be written (EPERM). Fix: edit the file it is made from, or set AWS_CONFIG_FILE to a writable file`);
      expect(await readFile(target, "utf8")).toBe(OLD);
      expect((await readdir(dots)).sort()).toEqual(["config"]);
    });

    it("each file names its own variable, whatever the files are called", async () => {
      const store = "/nix/store/abc-home-manager-files";
      await writeFile(join(t.home, "store-file"), OLD);
      // The credentials file under a name without "credentials", the config file under one with it.
      await symlink(`${store}/.aws/keys`, join(aws, "keys"));
      await symlink(`${store}/.aws/credentials.config`, join(aws, "credentials.config"));
      const deps = (credentialsFile: string) => ({
        ...readOnlyStore(store),
        env: { ...t.deps.env, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: join(aws, "credentials.config") },
      });
      const creds = { accessKeyId: "AKIA", secretAccessKey: "s", sessionToken: "t", expiration: 0, accountId: "111111111111" };
      const fixOf = (p: Promise<unknown>) => p.then(() => "written", (e: unknown) => (e as SsoCredsError).fix);
      expect(await fixOf(writeProfileFiles(deps(join(aws, "keys")), "ci", creds, { marker: "# ours" }))).toBe(
        "edit the file it is made from, or set AWS_SHARED_CREDENTIALS_FILE to a writable file",
      );
      // A writable credentials file, the config (with the region) behind the read-only link.
      expect(await fixOf(writeProfileFiles(deps(join(aws, "writable")), "ci", creds, { marker: "# ours", region: "eu-west-1" }))).toBe(
        "edit the file it is made from, or set AWS_CONFIG_FILE to a writable file",
      );
    });

    // A real read-only file system (as /nix/store is): a read-only bind mount in a private mount namespace. Root
    // ignores file modes, so a chmod-ed directory would not stop it; a read-only mount stops everyone.
    const canMount = process.getuid?.() === 0 && spawnSync("unshare", ["-m", "sh", "-c", "mount -t tmpfs none /mnt"]).status === 0;
    it.skipIf(!canMount)("a link into a read-only mount: a real process gets the line, the file stays intact", async () => {
      const target = join(dots, "config");
      await writeFile(target, OLD);
      await symlink(target, config);
      const readOnly = ["unshare", "-m", "sh", "-c", `mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"`, dots];
      const [r] = await spawnWorkers(1, { op: "writeConfigRounds", writer: { name: "ro", kind: "populate", rounds: 1 } }, { HOME: t.home }, readOnly);
      expect(r!.error, r!.stderr).toMatchObject({ code: "ConfigNotWritable", message: "~/.aws/config is a link to ~/dotfiles/aws/config, which cannot be written (EROFS)." });
      expect(await readFile(target, "utf8")).toBe(OLD);
      expect(await readlink(config)).toBe(target);
      expect((await readdir(dots)).sort()).toEqual(["config"]);
    });
  });

  it("writers via the link and via the target at once, in real processes: no section lost", { timeout: 120_000 }, async () => {
    const target = join(dots, "config");
    await writeFile(target, OLD);
    await symlink("../dotfiles/aws/config", config);
    const rounds = 10;
    const startAt = Date.now() + 2_000;
    const writers = [
      { name: "vialink", file: config },
      { name: "viatarget", file: target },
    ];
    const results = await Promise.all(
      writers.map((w) => spawnWorkers(1, { op: "writeConfigRounds", writer: { name: w.name, kind: "populate", rounds }, startAt }, { HOME: t.home, AWS_CONFIG_FILE: w.file }).then((r) => r[0]!)),
    );
    for (const r of results) expect(r.error, r.stderr).toBeUndefined();
    const sections = new Set(parseAwsIni(await readFile(target, "utf8")).keys());
    const lost = results.flatMap((r) => (r.result as string[]).filter((name) => !sections.has(`profile ${name}`)));
    expect(results.map((r) => (r.result as string[]).length)).toEqual([7 * rounds, 7 * rounds]);
    expect(lost).toEqual([]);
    expect((await lstat(config)).isSymbolicLink()).toBe(true);
    expect(await modeOf(target)).toBe(0o600);
  });
});

// The caches are not shared files: a link there is replaced, never followed (their directories are checked 0700;
// following a link could carry a token into a directory other users can write).
describe("writeFileAtomic does not follow a link", () => {
  let t: TempHome;
  beforeEach(async () => (t = await createTempHome()));
  afterEach(() => t.cleanup());

  it("a link in a cache directory is replaced by the file; what it pointed to is untouched", async () => {
    const cache = join(t.home, ".aws", "sso", "cache");
    await mkdir(cache, { recursive: true });
    const elsewhere = join(t.home, "shared-tmp", "x.json");
    await mkdir(join(t.home, "shared-tmp"));
    await writeFile(elsewhere, "theirs");
    await symlink(elsewhere, join(cache, "x.json"));
    await writeFileAtomic(t.deps, join(cache, "x.json"), "token");
    expect((await lstat(join(cache, "x.json"))).isFile()).toBe(true);
    expect(await readFile(join(cache, "x.json"), "utf8")).toBe("token");
    expect(await readFile(elsewhere, "utf8")).toBe("theirs");
  });
});
