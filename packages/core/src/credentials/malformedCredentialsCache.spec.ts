import { randomBytes } from "node:crypto";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CredentialsError } from "../errors.js";
import { SECRETS, isoSeconds, leakedSecrets, sha256File, testProfile } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { credentialsCachePath } from "./credentialsCachePath.js";
import { readCachedRoleCredentials } from "./readCachedRoleCredentials.js";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const creds = {
  AccessKeyId: "ASIAEXAMPLE",
  SecretAccessKey: SECRETS.secretAccessKey,
  SessionToken: SECRETS.sessionToken,
  Expiration: isoSeconds(NOW + 3600_000),
  AccountId: "111111111111",
};
const file = (c: Record<string, unknown>) => JSON.stringify({ ProviderType: "sso", Credentials: c });
const good = file(creds);
const patch = (p: Record<string, unknown>) => file({ ...creds, ...p });
const without = (key: string) => {
  const { [key as keyof typeof creds]: _gone, ...rest } = creds;
  return file(rest);
};

const corpus: Array<[string, string | Buffer | "directory", RegExp]> = [
  ["empty", "", /is empty/],
  ["truncated", good.slice(0, good.indexOf(SECRETS.secretAccessKey) + 8), /not valid JSON/],
  ["binary garbage", Buffer.concat([randomBytes(40), Buffer.from(SECRETS.sessionToken), randomBytes(40)]), /not valid JSON/],
  ["JSON array", JSON.stringify([creds]), /does not hold a JSON object/],
  ["no Credentials", JSON.stringify({ ProviderType: "sso" }), /has no Credentials object/],
  ["Credentials a string", JSON.stringify({ ProviderType: "sso", Credentials: SECRETS.secretAccessKey }), /has no Credentials object/],
  ["no AccessKeyId", without("AccessKeyId"), /has no Credentials\.AccessKeyId/],
  ["SecretAccessKey number", patch({ SecretAccessKey: 42 }), /Credentials\.SecretAccessKey that is not a non-empty string/],
  ["SessionToken null", patch({ SessionToken: null }), /has no Credentials\.SessionToken/],
  ["SessionToken empty", patch({ SessionToken: "" }), /Credentials\.SessionToken that is not a non-empty string/],
  ["no Expiration", without("Expiration"), /has no Credentials\.Expiration/],
  ["Expiration epoch ms", patch({ Expiration: NOW + 3600_000 }), /Credentials\.Expiration that is not a non-empty string/],
  ["Expiration words", patch({ Expiration: "in an hour" }), /Credentials\.Expiration that is not a timestamp/],
  ["AccountId number", patch({ AccountId: 111111111111 }), /Credentials\.AccountId that is not a string/],
  ["a directory in place of the file", "directory", /is a directory/],
];

describe("malformed role credential cache files", () => {
  let t: TempHome;
  const profile = testProfile();
  let path: string;
  beforeAll(async () => {
    t = await createTempHome({ now: NOW });
    path = credentialsCachePath(t.deps, profile);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  });
  afterAll(() => t.cleanup());

  it("still reads the well-formed original", async () => {
    await writeFile(path, good);
    expect(await readCachedRoleCredentials(t.deps, profile)).toMatchObject({ accessKeyId: "ASIAEXAMPLE", expiration: NOW + 3600_000 });
  });

  it.each(corpus)("%s: one clear line naming the file, no secret, file unchanged", async (_name, content, expected) => {
    await rm(path, { recursive: true, force: true });
    if (content === "directory") await mkdir(`${path}/inner`, { recursive: true });
    else await writeFile(path, content, { mode: 0o600 });
    const fingerprint = async () => (content === "directory" ? `dir:${(await stat(path)).isDirectory()}` : await sha256File(path));
    const before = await fingerprint();
    const err = (await readCachedRoleCredentials(t.deps, profile).catch((e: unknown) => e)) as CredentialsError;
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(expected);
    expect(err.message).toMatch(/^The role credential cache ~\/\.aws\/cli\/cache\/[0-9a-f]{40}\.json \(account 111111111111, role AdministratorAccess\) /);
    expect(err.message).not.toMatch(/[\r\n]/);
    expect(err.fix).toBe(`rm -r ${path}`);
    expect(leakedSecrets(`${err.message} ${err.fix} ${String(err)}`)).toEqual([]);
    expect(await fingerprint()).toBe(before);
  });
});
