import { describe, expect, it } from "vitest";
import type { SharedConfig } from "../config/loadSharedConfig.js";
import { resolveRegion } from "../region/resolveRegion.js";
import { generatedRoleSessionName } from "./generatedRoleSessionName.js";
import { stsRegion } from "./stsRegion.js";

const config: SharedConfig = {
  profiles: { dev: { region: "eu-west-1" }, bare: {} },
  ssoSessions: {},
  services: {},
  configFile: "/h/.aws/config",
  credentialsFile: "/h/.aws/credentials",
};

describe("stsRegion", () => {
  const envs: Array<Record<string, string | undefined>> = [{}, { AWS_REGION: "ap-south-1" }, { AWS_DEFAULT_REGION: "ca-central-1" }, { AWS_REGION: "", AWS_DEFAULT_REGION: "sa-east-1" }];
  it("is the handed-out region (resolveRegion), else us-east-1, for every profile and environment", () => {
    for (const env of envs) {
      for (const profile of ["dev", "bare", "missing"]) {
        expect(stsRegion(env, config, profile)).toBe(resolveRegion(env, config, profile).region ?? "us-east-1");
      }
    }
  });
  it("without a config file only the environment counts", () => {
    expect(stsRegion({})).toBe("us-east-1");
    expect(stsRegion({ AWS_DEFAULT_REGION: "eu-north-1" })).toBe("eu-north-1");
  });
});

describe("generatedRoleSessionName", () => {
  it("sso-creds-<epoch seconds>", () => {
    expect(generatedRoleSessionName(1_767_225_600_999)).toBe("sso-creds-1767225600");
  });
});
