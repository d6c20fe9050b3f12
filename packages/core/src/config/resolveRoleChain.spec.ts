import { describe, expect, it } from "vitest";
import type { SharedConfig } from "./loadSharedConfig.js";
import { resolveSsoSession } from "./resolveSsoSession.js";
import { ConfigError } from "../errors.js";
import { resolveRoleChain } from "./resolveRoleChain.js";

const config = (profiles: SharedConfig["profiles"]): SharedConfig => ({ profiles, ssoSessions: {}, services: {}, configFile: "/h/.aws/config", credentialsFile: "/h/.aws/credentials" });
const sso = { sso_session: "s", sso_account_id: "111111111111", sso_role_name: "Admin" };

describe("resolveRoleChain", () => {
  it("orders the steps from the SSO profile up and reads every setting", () => {
    const chain = resolveRoleChain(
      config({
        base: sso,
        a: { role_arn: "arn:aws:iam::2:role/A", source_profile: "base", role_session_name: "me", external_id: "x", mfa_serial: "arn:mfa", duration_seconds: " 900 " },
        b: { role_arn: "arn:aws:iam::3:role/B", source_profile: "a" },
      }),
      "b",
    );
    expect(chain.ssoProfileName).toBe("base");
    expect(chain.steps).toEqual([
      { profileName: "a", roleArn: "arn:aws:iam::2:role/A", roleSessionName: "me", externalId: "x", mfaSerial: "arn:mfa", durationSeconds: 900 },
      { profileName: "b", roleArn: "arn:aws:iam::3:role/B", roleSessionName: undefined, externalId: undefined, mfaSerial: undefined, durationSeconds: undefined },
    ]);
  });

  it.each([
    ["self loop", { a: { role_arn: "r", source_profile: "a" } }, "a", "SourceProfileLoop", /a -> a/],
    ["missing source", { a: { role_arn: "r", source_profile: "nope" } }, "a", "SourceProfileNotFound", /source_profile nope referenced in profile a/],
    ["no source_profile", { a: { role_arn: "r" } }, "a", "ConfigIncomplete", /no source_profile/],
    ["credential_source", { a: { role_arn: "r", credential_source: "Ec2InstanceMetadata" } }, "a", "CredentialSourceUnsupported", /credential_source/],
    ["bad duration", { base: sso, a: { role_arn: "r", source_profile: "base", duration_seconds: "1h" } }, "a", "ConfigInvalid", /duration_seconds = 1h/],
  ] as const)("%s → ConfigError", (_name, profiles, start, code, message) => {
    let err: unknown;
    try {
      resolveRoleChain(config(profiles as SharedConfig["profiles"]), start);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe(code);
    expect((err as ConfigError).message).toMatch(message);
    expect((err as ConfigError).fix).toBeTruthy();
  });

  it("resolveSsoSession for a role profile is the session of the SSO profile its chain starts from (sso login --profile <role profile>)", () => {
    const c = config({ base: sso, a: { role_arn: "arn:aws:iam::2:role/A", source_profile: "base" }, b: { role_arn: "arn:aws:iam::3:role/B", source_profile: "a" } });
    c.ssoSessions.s = { sso_start_url: "https://d-0123456789.awsapps.com/start", sso_region: "eu-west-1" };
    expect(resolveSsoSession(c, { profile: "b" })).toEqual({ name: "s", startUrl: "https://d-0123456789.awsapps.com/start", region: "eu-west-1", registrationScopes: undefined });
  });
});
