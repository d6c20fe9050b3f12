import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { useEmulator } from "@sso-creds/emulator";
import * as vitest from "vitest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CoreDeps } from "../deps.js";
import { START_URL, testSession } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { writeToken } from "../token/writeToken.js";
import { profileCredentialSource, resolveProfileCredentials } from "./resolveProfileCredentials.js";

const config = (devAccount: string, devRegion: string) => `[sso-session my-sso]
sso_start_url = ${START_URL}
sso_region = us-east-1

[profile dev]
sso_session = my-sso
sso_account_id = ${devAccount}
sso_role_name = AdministratorAccess
region = ${devRegion}

[profile staging-ro]
role_arn = arn:aws:iam::222222222222:role/ReadOnlyAccess
source_profile = dev
role_session_name = alice
region = eu-central-1
`;

/** deps whose fs counts the reads of one file (the shared config): the loader's only way to it. */
function countingReads(deps: CoreDeps, file: string): { deps: CoreDeps; reads: () => number } {
  let reads = 0;
  const fs = new Proxy(deps.fs, {
    get(target, name) {
      const value = Reflect.get(target, name) as unknown;
      if (name !== "readFile" || typeof value !== "function") return value;
      return (path: unknown, ...rest: unknown[]) => {
        if (String(path) === file) reads++;
        return (value as (...a: unknown[]) => unknown).call(target, path, ...rest);
      };
    },
  });
  return { deps: { ...deps, fs }, reads: () => reads };
}

describe("resolveProfileCredentials / profileCredentialSource (the one sequence of sso env, exec, serve, console, use)", { timeout: 60_000 }, () => {
  const emu = useEmulator(vitest, { resetAfterEach: false, autoApprove: true });
  let t: TempHome;
  let configFile: string;
  beforeEach(async () => {
    t = await createTempHome();
    t.deps.now = () => Date.now();
    Object.assign(t.deps.env, { AWS_ENDPOINT_URL_SSO: emu.url, AWS_ENDPOINT_URL_SSO_OIDC: emu.url, AWS_ENDPOINT_URL_STS: emu.url });
    configFile = join(t.home, ".aws", "config");
    await mkdir(join(t.home, ".aws"), { recursive: true });
    await writeFile(configFile, config("111111111111", "us-west-2"));
    await writeToken(t.deps, testSession("my-sso"), { ...emu.mintToken({ startUrl: START_URL, region: "us-east-1" }) });
  });
  afterEach(() => t.cleanup());
  const grc = () => emu.stats().GetRoleCredentials ?? 0;

  it("reads the config once for the name, the region and the credentials (SSO profile and role chain, cold and cached)", async () => {
    for (const profile of ["dev", "staging-ro", "dev", "staging-ro"]) {
      const { deps, reads } = countingReads(t.deps, configFile);
      const got = await resolveProfileCredentials(deps, { profile });
      expect(got.profileName).toBe(profile);
      expect(got.credentials.accountId).toBe(profile === "dev" ? "111111111111" : "222222222222");
      expect(reads(), profile).toBe(1);
    }
  });

  it("fetch() again (a server's renewal) goes back to the service with the profile, region and config resolved at the start", async () => {
    const { deps, reads } = countingReads(t.deps, configFile);
    t.deps.env.AWS_PROFILE = "dev";
    const source = await profileCredentialSource(deps);
    expect(source).toMatchObject({ profileName: "dev", region: "us-west-2", regionSource: "profile" });
    expect(reads()).toBe(1);
    const before = grc();
    const first = await source.fetch();
    expect(first.accountId).toBe("111111111111");
    expect(grc()).toBe(before + 1);

    // Meanwhile the user edits the config and the environment, and the cached credentials are gone: the renewal
    // fetches for the profile the server's variables were printed for, without reading the config again.
    await writeFile(configFile, config("333333333333", "ap-south-1"));
    Object.assign(t.deps.env, { AWS_PROFILE: "staging-ro", AWS_REGION: "eu-west-1" });
    await rm(t.cliCacheDir, { recursive: true, force: true });
    const renewed = await source.fetch();
    expect(grc()).toBe(before + 2);
    expect(renewed.accountId).toBe("111111111111");
    expect(renewed.accessKeyId).not.toBe(first.accessKeyId);
    expect(source).toMatchObject({ profileName: "dev", region: "us-west-2" });
    expect(reads()).toBe(1);
  });

  it('region: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile\'s; regionFrom "profile" skips the environment (sso use)', async () => {
    Object.assign(t.deps.env, { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "eu-north-1" });
    const source = (request: Parameters<typeof profileCredentialSource>[1]) =>
      profileCredentialSource(t.deps, { profile: "staging-ro", ...request }).then(({ region, regionSource }) => ({ region, regionSource }));
    expect(await source({})).toEqual({ region: "eu-west-1", regionSource: "AWS_REGION" });
    expect(await source({ region: "sa-east-1" })).toEqual({ region: "sa-east-1", regionSource: "--region" });
    expect(await source({ regionFrom: "profile" })).toEqual({ region: "eu-central-1", regionSource: "profile" });
    // A role profile does not inherit its source's region, from the environment or otherwise.
    await writeFile(configFile, config("111111111111", "us-west-2").replace("region = eu-central-1\n", ""));
    expect(await source({ regionFrom: "profile" })).toEqual({ region: undefined, regionSource: undefined });
    // The profile's region is checked as botocore does, before any call.
    await writeFile(configFile, config("111111111111", "us west 2"));
    await expect(profileCredentialSource(t.deps, { profile: "dev", regionFrom: "profile" })).rejects.toMatchObject({ code: "InvalidRegion" });
  });
});
