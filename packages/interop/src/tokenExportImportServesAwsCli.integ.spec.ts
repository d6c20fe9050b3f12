import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk } from "./test-support/expectOk.js";
import { aws, inNamespace, makePeerHome, RUN_JS, sso, type PeerHome } from "./test-support/peers.js";
import { startInteropWorld, type InteropWorld } from "./test-support/startInteropWorld.js";

// `sso token export | ssh box sso token import`: the box needs no login, and AWS CLI v2 there uses the imported token.
describe("a token moved with sso token export | sso token import serves AWS CLI v2 on the other machine", () => {
  let world: InteropWorld;
  let laptop: PeerHome;
  let box: PeerHome;
  beforeAll(async () => {
    world = await startInteropWorld();
    laptop = await makePeerHome();
    box = await makePeerHome();
  });
  afterAll(async () => {
    await laptop?.cleanup();
    await box?.cleanup();
    await world?.close();
  });

  it.each([
    { label: "the full token", flags: [] as string[], refreshable: true },
    { label: "--no-refresh-token", flags: ["--no-refresh-token"], refreshable: false },
  ])("$label: imported on the box, AWS CLI v2 signs a real STS call with no login there", async ({ flags, refreshable }) => {
    expectOk(await sso(world, laptop, ["login", "--sso-session", "my-sso", "--use-device-code", "--no-browser"]), "sso login");
    const logins = world.emu.stats().CreateToken;
    // The pipeline as a user types it (ssh left out): export in one HOME, import in the other.
    const pipeline = `HOME="$3" "$0" "$1" token export --sso-session my-sso ${flags.join(" ")} | HOME="$2" "$0" "$1" token import --force`;
    expectOk(await inNamespace(world, box, ["/bin/sh", "-c", pipeline, process.execPath, RUN_JS, box.home, laptop.home]), "export | import");
    const copy = JSON.parse(await readFile(box.tokenFile("my-sso"), "utf8")) as Record<string, unknown>;
    expect("refreshToken" in copy).toBe(refreshable);

    const ident = expectOk(await aws(world, box, ["sts", "get-caller-identity", "--profile", "dev", "--output", "json"]), "aws sts get-caller-identity on the box");
    expect(JSON.parse(ident.stdout)).toMatchObject({ Account: "111111111111" });
    expect(world.emu.stats().CreateToken).toBe(logins);
  });
});
