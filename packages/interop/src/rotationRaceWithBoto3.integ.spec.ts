import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { serializeToken } from "@sso-creds/core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BOTO3_CREDENTIALS } from "./test-support/botocoreScripts.js";
import { inNamespace, makePeerHome, python, sso, START_URL, type PeerHome, type Run } from "./test-support/peers.js";
import { startInteropWorld, type InteropWorld } from "./test-support/startInteropWorld.js";

const SHIM = fileURLToPath(new URL("../../../apps/credential-process/bin/sso-credential-process", import.meta.url));
const ROUNDS = 2;

// Issue 17, item 3: boto3 refreshes an expired token without our lock, and the service rotates refresh tokens, so
// our refresh can be refused because boto3 spent the same refresh token a moment earlier. Ours must then take the
// token boto3 wrote instead of telling the user to sign in again. Made deterministic: the emulator holds our first
// CreateToken for 8 s, boto3 starts once it has arrived, and boto3's own refresh (undelayed) wins meanwhile.
describe("the refresh-token rotation race with real boto3 processes", () => {
  let world: InteropWorld;
  let home: PeerHome;
  beforeAll(async () => (world = await startInteropWorld()));
  afterAll(() => world?.close());
  beforeEach(async () => {
    home = await makePeerHome();
  });
  afterEach(() => home?.cleanup());

  it(`an expired, refreshable token, 3 sso env and 3 shims refreshing while 2 boto3 rotate it under them, ${ROUNDS} rounds: every one of ours gets credentials`, async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      world.emu.reset();
      await home.cleanup();
      home = await makePeerHome();
      await mkdir(home.ssoCache, { recursive: true, mode: 0o700 });
      await writeFile(home.tokenFile("my-sso"), serializeToken({ ...world.emu.mintToken({ startUrl: START_URL, accessTokenTtlSeconds: -120 }) }), { mode: 0o600 });
      world.emu.failNext("CreateToken", 1, { delayMs: 8_000 });
      const ours: Array<Promise<[string, Run]>> = [];
      for (let i = 0; i < 3; i++) {
        ours.push(sso(world, home, ["env", "--profile", "dev"]).then((r) => ["sso env", r]));
        ours.push(inNamespace(world, home, [process.execPath, SHIM, "--profile", "dev"]).then((r) => ["shim", r]));
      }
      const started = Date.now();
      while ((world.emu.stats().CreateToken ?? 0) === 0 && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 20));
      expect(world.emu.stats().CreateToken, "our refresh is in flight").toBe(1);
      const theirs = await Promise.all(Array.from({ length: 2 }, () => python(world, home, BOTO3_CREDENTIALS, ["dev"])));
      expect(theirs.filter((r) => r.code === 0).length, "boto3 refreshed and used the rotated token").toBeGreaterThan(0);
      for (const [label, r] of await Promise.all(ours)) if (r.code !== 0) failures.push(`round ${round} ${label}: ${r.stderr.trim()}`);
      // One refresh each side sent with the old refresh token (ours refused), none after: ours took boto3's token.
      expect(world.emu.stats().CreateToken).toBeLessThanOrEqual(3);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
