import { mkdir, readFile, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { spawn } from "node:child_process";
import { dirname } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockPathFor } from "../fs/withLock.js";
import { tokenCachePath } from "../paths/index.js";
import { startEmulator, type Emulator, type MintedToken } from "@sso-creds/emulator";
import { testProfile, testSession } from "../test-support/fixtures.js";
import { spawnWorkers, type WorkerResult } from "../test-support/spawnWorkers.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { serializeToken } from "../token/serializeToken.js";
import type { SsoToken } from "../types.js";
import { credentialsCachePath } from "./credentialsCachePath.js";

const WORKERS = 32;
const session = testSession("my-sso");
const profile = testProfile(session);

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((r) => child.on("exit", r));
  return child.pid!;
}

describe(`${WORKERS} real Node processes at once`, { timeout: 180_000 }, () => {
  let sso: Emulator;
  let t: TempHome;
  beforeEach(async () => {
    t = await createTempHome();
    sso = await startEmulator({ port: 0, autoApprove: true });
    // A slow service keeps the first process inside the lock while the others arrive.
    sso.failNext("CreateToken", WORKERS, { delayMs: 400 });
    sso.failNext("GetRoleCredentials", WORKERS, { delayMs: 400 });
  });
  afterEach(async () => {
    await sso.close();
    await t.cleanup();
  });

  /** A token the emulator issued, expiring `ttlSeconds` from now (negative: already expired), on disk as after a login. */
  const plantToken = async (ttlSeconds: number): Promise<MintedToken> => {
    const token = { ...sso.mintToken({ accessTokenTtlSeconds: ttlSeconds }) };
    const path = tokenCachePath(t.deps, session);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, serializeToken(token), { mode: 0o600 });
    return token;
  };
  const run = () =>
    spawnWorkers(WORKERS, { op: "getRoleCredentials", profile, ssoEndpoint: sso.url, oidcEndpoint: sso.url, startAt: Date.now() + 3_000 }, { HOME: t.home });
  const expectIdentical = (results: WorkerResult[]) => {
    for (const r of results) expect(r.error, r.stderr).toBeUndefined();
    expect(results.filter((r) => r.ok)).toHaveLength(WORKERS);
    const outputs = new Set(results.map((r) => JSON.stringify(r.result)));
    expect(outputs.size).toBe(1);
  };

  it("cold credential cache: exactly one GetRoleCredentials and identical credentials everywhere", async () => {
    await plantToken(8 * 3600);
    const results = await run();
    expectIdentical(results);
    expect(sso.stats()).toEqual({ GetRoleCredentials: 1 });
    const onDisk = JSON.parse(await readFile(credentialsCachePath(t.deps, profile), "utf8")) as { Credentials: { AccessKeyId: string } };
    expect(onDisk.Credentials.AccessKeyId).toBe((results[0]!.result as { accessKeyId: string }).accessKeyId);
  });

  it("expired access token with a valid refresh token: exactly one CreateToken and one GetRoleCredentials", async () => {
    const minted = await plantToken(-60);
    const results = await run();
    expectIdentical(results);
    expect(sso.stats()).toEqual({ CreateToken: 1, GetRoleCredentials: 1 });
    const token = JSON.parse(await readFile(tokenCachePath(t.deps, session), "utf8")) as SsoToken;
    expect(token.accessToken).not.toBe(minted.accessToken);
    expect(token.refreshToken).toBeTruthy();
    expect(token.refreshToken).not.toBe(minted.refreshToken);
  });

  it("recovers locks left by a dead holder (pid gone) and still makes one call of each", async () => {
    await plantToken(-60);
    const pid = await deadPid();
    const stale = JSON.stringify({ pid, hostname: hostname(), createdAt: Date.now(), id: "dead-holder" });
    const credLock = lockPathFor(credentialsCachePath(t.deps, profile));
    const tokenLock = lockPathFor(tokenCachePath(t.deps, session));
    await mkdir(dirname(credLock), { recursive: true });
    await writeFile(credLock, stale);
    await writeFile(tokenLock, stale);
    const results = await run();
    expectIdentical(results);
    expect(sso.stats()).toEqual({ CreateToken: 1, GetRoleCredentials: 1 });
    await expect(readFile(credLock)).rejects.toMatchObject({ code: "ENOENT" });
    await expect(readFile(tokenLock)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
