import { describe, expect, it } from "vitest";
import { envForChild } from "./envForChild.js";

const creds = { accessKeyId: "ASIANEW", secretAccessKey: "secretNEW", sessionToken: "tokenNEW", expiration: Date.UTC(2026, 0, 1), accountId: "222222222222" };

describe("envForChild", () => {
  const base = {
    PATH: "/usr/bin",
    AWS_PROFILE: "other",
    AWS_DEFAULT_PROFILE: "other",
    AWS_ACCESS_KEY_ID: "AKIAOLD",
    AWS_SECRET_ACCESS_KEY: "old",
    AWS_SESSION_TOKEN: "old",
    AWS_SECURITY_TOKEN: "old",
    AWS_CREDENTIAL_EXPIRATION: "2000-01-01T00:00:00Z",
    AWS_ACCOUNT_ID: "999999999999",
    AWS_CONFIG_FILE: "/cfg",
    AWS_SHARED_CREDENTIALS_FILE: "/creds",
    AWS_ENDPOINT_URL_STS: "http://127.0.0.1:1",
    AWS_REGION: "ap-south-1",
    UNSET: undefined,
  };

  it("replaces conflicting identity variables and keeps endpoints, config files and other variables", () => {
    const env = envForChild(base, creds, { profile: "dev", region: "eu-west-1" });
    expect(env).toEqual({
      PATH: "/usr/bin",
      AWS_CONFIG_FILE: "/cfg",
      AWS_SHARED_CREDENTIALS_FILE: "/creds",
      AWS_ENDPOINT_URL_STS: "http://127.0.0.1:1",
      AWS_ACCESS_KEY_ID: "ASIANEW",
      AWS_SECRET_ACCESS_KEY: "secretNEW",
      AWS_SESSION_TOKEN: "tokenNEW",
      AWS_CREDENTIAL_EXPIRATION: "2026-01-01T00:00:00.000Z",
      AWS_ACCOUNT_ID: "222222222222",
      AWS_REGION: "eu-west-1",
      AWS_DEFAULT_REGION: "eu-west-1",
      SSO_CREDS_PROFILE: "dev",
    });
    expect(base.AWS_PROFILE).toBe("other");
  });

  it("keeps an inherited region when the profile has none", () => {
    const env = envForChild(base, creds, { profile: "dev" });
    expect(env.AWS_REGION).toBe("ap-south-1");
    expect(env.AWS_DEFAULT_REGION).toBeUndefined();
  });
});
