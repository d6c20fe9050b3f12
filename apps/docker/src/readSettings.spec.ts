import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultDeps, loadSharedConfig, stsRegion, type CoreDeps } from "@sso-creds/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSettings } from "./readSettings.js";

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "sso-creds-docker-settings-"));
  await mkdir(join(home, ".aws"));
  await writeFile(
    join(home, ".aws", "config"),
    [
      "[profile dev]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = ReadOnlyAccess\nregion = eu-west-1\n",
      "[profile staging]\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = dev\n",
      "[sso-session my-sso]\nsso_start_url = https://my.awsapps.com/start\nsso_region = us-east-1\n",
    ].join("\n"),
  );
});
afterAll(() => rm(home, { recursive: true, force: true }));

/** deps whose file system records what it was asked: the settings must read through the seam, not around it. */
function recordingDeps(env: Record<string, string | undefined>): { deps: CoreDeps; calls: string[] } {
  const calls: string[] = [];
  const base = defaultDeps({ env });
  const fs = new Proxy(base.fs, { get: (t, name) => (calls.push(String(name)), Reflect.get(t, name)) });
  return { deps: { ...base, fs }, calls };
}

describe("the container's settings use core's rules", () => {
  const envs = [{}, { AWS_REGION: "ap-south-1" }, { AWS_DEFAULT_REGION: "ca-central-1" }];
  it("STS's region for a role_arn profile is core's stsRegion, for every environment", async () => {
    for (const extra of envs) {
      const env = { HOME: home, AWS_PROFILE: "staging", ...extra };
      const { deps } = recordingDeps(env);
      const settings = await readSettings(deps);
      expect(settings.sts.region).toBe(stsRegion(env, await loadSharedConfig(deps), "staging"));
    }
  });
  it("STS's region with SSO_* settings and no config file is core's stsRegion", async () => {
    for (const extra of envs) {
      const env = { HOME: join(home, "nowhere"), SSO_ACCOUNT_ID: "111111111111", SSO_ROLE_NAME: "ReadOnlyAccess", SSO_ROLE_TO_ASSUME: "arn:aws:iam::222222222222:role/Developer", ...extra };
      expect((await readSettings(defaultDeps({ env }))).sts.region).toBe(stsRegion(env));
    }
  });
  it("reads the config file through deps.fs", async () => {
    const { deps, calls } = recordingDeps({ HOME: home, AWS_PROFILE: "dev" });
    await readSettings(deps);
    expect(calls).toContain("access");
  });
});
