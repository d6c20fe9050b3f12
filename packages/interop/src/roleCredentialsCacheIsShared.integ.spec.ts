import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { serializeCredentialsCache, ssoCredentialsCacheKey } from "@sso-creds/core";
import * as vitest from "vitest";
import { describe, expect, it } from "vitest";
import { expectOk } from "./test-support/expectOk.js";
import { aws, fingerprint, parseShEnv, sso, START_URL } from "./test-support/peers.js";
import { useInteropWorld } from "./test-support/useInteropWorld.js";

interface CliCacheFile {
  ProviderType: string;
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string; AccountId?: string };
}

const profiles = [
  { profile: "dev", kind: "sso-session", accountId: "111111111111", key: ssoCredentialsCacheKey({ accountId: "111111111111", roleName: "AdministratorAccess", sessionName: "my-sso" }) },
  { profile: "legacy", kind: "legacy start URL", accountId: "222222222222", key: ssoCredentialsCacheKey({ accountId: "222222222222", roleName: "ReadOnlyAccess", startUrl: START_URL }) },
];

// Case 4: role credentials cached in ~/.aws/cli/cache by one side are reused by the other (the emulator counts
// GetRoleCredentials), in both directions, and both stop reusing them at the same moment (15 minutes before expiry).
describe("role credentials in ~/.aws/cli/cache are shared with AWS CLI v2 both ways", () => {
  const { world, home } = useInteropWorld(vitest);

  const grc = () => world.emu.stats().GetRoleCredentials ?? 0;
  const exportCredentials = async (profile: string) =>
    JSON.parse(expectOk(await aws(world, home, ["configure", "export-credentials", "--profile", profile, "--format", "process"]), "aws configure export-credentials").stdout) as Record<string, string>;
  const ssoEnv = async (profile: string) => parseShEnv(expectOk(await sso(world, home, ["env", "--profile", profile]), "sso env").stdout);

  it.each(profiles)("$kind profile $profile: AWS CLI v2 reuses the file our sso env wrote, with no GetRoleCredentials call", async ({ profile, accountId, key }) => {
    expectOk(await sso(world, home, ["login", "--profile", profile, "--use-device-code", "--no-browser"]), "sso login");
    const ours = await ssoEnv(profile);
    expect(grc()).toBe(1);
    // The file is where the AWS CLI looks (botocore's SSOCredentialFetcher key), private, and what it would write.
    expect(await home.files(home.cliCache)).toEqual([`${key}.json`]);
    const path = join(home.cliCache, `${key}.json`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const bytes = await readFile(path, "utf8");
    const file = JSON.parse(bytes) as CliCacheFile;
    expect(file).toMatchObject({ ProviderType: "sso", Credentials: { AccessKeyId: ours.AWS_ACCESS_KEY_ID, AccountId: accountId } });

    const theirs = await exportCredentials(profile);
    expect(grc()).toBe(1);
    expect({ id: theirs.AccessKeyId, secret: fingerprint(theirs.SecretAccessKey), token: fingerprint(theirs.SessionToken) }).toEqual({
      id: ours.AWS_ACCESS_KEY_ID,
      secret: fingerprint(ours.AWS_SECRET_ACCESS_KEY),
      token: fingerprint(ours.AWS_SESSION_TOKEN),
    });
    expect(Date.parse(theirs.Expiration!)).toBe(Date.parse(ours.AWS_CREDENTIAL_EXPIRATION!));
    expect(await readFile(path, "utf8")).toBe(bytes);
  });

  it.each(profiles)("$kind profile $profile: our sso env reuses the file AWS CLI v2 wrote, with no GetRoleCredentials call, and would write the same bytes", async ({ profile, accountId, key }) => {
    expectOk(await aws(world, home, ["sso", "login", "--no-browser", "--profile", profile]), "aws sso login");
    const theirs = await exportCredentials(profile);
    expect(grc()).toBe(1);
    expect(await home.files(home.cliCache)).toEqual([`${key}.json`]);
    const path = join(home.cliCache, `${key}.json`);
    const bytes = await readFile(path, "utf8");

    const ours = await ssoEnv(profile);
    expect(grc()).toBe(1);
    expect({ id: ours.AWS_ACCESS_KEY_ID, secret: fingerprint(ours.AWS_SECRET_ACCESS_KEY), token: fingerprint(ours.AWS_SESSION_TOKEN), account: ours.AWS_ACCOUNT_ID }).toEqual({
      id: theirs.AccessKeyId,
      secret: fingerprint(theirs.SecretAccessKey),
      token: fingerprint(theirs.SessionToken),
      account: accountId,
    });
    expect(await readFile(path, "utf8")).toBe(bytes);

    // Layout, key order and timestamp format are the AWS CLI's; AccountId is the one field 2.9.19 predates
    // (botocore 1.43 writes it, facts §3.3; 2.9.19 accepts a file with it, as the first test shows).
    const c = (JSON.parse(bytes) as CliCacheFile).Credentials;
    const ourBytes = serializeCredentialsCache({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: Date.parse(c.Expiration), accountId });
    expect(ourBytes.replace(`, "AccountId": "${accountId}"`, "")).toBe(bytes);
  });

  it("both sides stop reusing cached role credentials inside the same 15-minute window before expiry", async () => {
    expectOk(await sso(world, home, ["login", "--profile", "dev", "--use-device-code", "--no-browser"]), "sso login");
    await ssoEnv("dev");
    const path = join(home.cliCache, `${profiles[0]!.key}.json`);
    const setExpiration = async (msFromNow: number) => {
      const file = JSON.parse(await readFile(path, "utf8")) as CliCacheFile;
      file.Credentials.Expiration = new Date(Date.now() + msFromNow).toISOString().replace(/\.\d{3}Z$/, "Z");
      await writeFile(path, JSON.stringify(file));
    };
    // 20 minutes left: both reuse.
    await setExpiration(20 * 60_000);
    await exportCredentials("dev");
    await ssoEnv("dev");
    expect(grc()).toBe(1);
    // 10 minutes left: the AWS CLI fetches new ones (and rewrites the file), then so do we.
    await setExpiration(10 * 60_000);
    await exportCredentials("dev");
    expect(grc()).toBe(2);
    await setExpiration(10 * 60_000);
    await ssoEnv("dev");
    expect(grc()).toBe(3);
  });
});
