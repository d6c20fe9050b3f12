import { describe, expect, it } from "vitest";
import type { SharedConfig } from "../config/loadSharedConfig.js";
import { resolveRegion, type RegionSource } from "./resolveRegion.js";

const config: SharedConfig = {
  profiles: {
    dev: { sso_session: "s", sso_account_id: "111111111111", sso_role_name: "R", region: "eu-west-1" },
    noregion: { sso_session: "s", sso_account_id: "111111111111", sso_role_name: "R" },
    empty: { region: "" },
    role: { role_arn: "arn:aws:iam::222222222222:role/R", source_profile: "dev" },
    bad: { region: "eu west 1" },
  },
  ssoSessions: {},
  services: {},
  configFile: "/home/u/.aws/config",
  credentialsFile: "/home/u/.aws/credentials",
};

type Row = [profile: string, flag: string | undefined, AWS_REGION: string | undefined, AWS_DEFAULT_REGION: string | undefined, region: string | undefined, source: RegionSource | undefined];

describe("resolveRegion: --region, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile's region", () => {
  // prettier-ignore
  const table: Row[] = [
    ["dev",      undefined,    undefined,    undefined,    "eu-west-1",  "profile"],
    ["dev",      undefined,    "ap-south-1", undefined,    "ap-south-1", "AWS_REGION"],
    ["dev",      undefined,    undefined,    "us-east-2",  "us-east-2",  "AWS_DEFAULT_REGION"],
    ["dev",      undefined,    "ap-south-1", "us-east-2",  "ap-south-1", "AWS_REGION"],
    ["dev",      "sa-east-1",  "ap-south-1", "us-east-2",  "sa-east-1",  "--region"],
    ["dev",      "sa-east-1",  undefined,    undefined,    "sa-east-1",  "--region"],
    ["dev",      "",           "",           "",           "eu-west-1",  "profile"],
    ["dev",      undefined,    "",           "us-east-2",  "us-east-2",  "AWS_DEFAULT_REGION"],
    ["noregion", undefined,    undefined,    undefined,    undefined,    undefined],
    ["noregion", undefined,    "ap-south-1", undefined,    "ap-south-1", "AWS_REGION"],
    ["empty",    undefined,    undefined,    undefined,    undefined,    undefined],
    // A role profile does not inherit its source profile's region (botocore, JS SDK).
    ["role",     undefined,    undefined,    undefined,    undefined,    undefined],
    ["role",     undefined,    undefined,    "us-west-1",  "us-west-1",  "AWS_DEFAULT_REGION"],
    ["missing",  undefined,    undefined,    undefined,    undefined,    undefined],
    ["missing",  "eu-central-1", undefined,  undefined,    "eu-central-1", "--region"],
    // Region names botocore accepts that are not the usual shape.
    ["dev",      "local",      undefined,    undefined,    "local",      "--region"],
    ["dev",      "us-gov-west-1", undefined, undefined,    "us-gov-west-1", "--region"],
  ];
  it.each(table)("profile %s, --region %s, AWS_REGION %s, AWS_DEFAULT_REGION %s → %s (%s)", (profile, flag, r, dr, region, source) => {
    expect(resolveRegion({ AWS_REGION: r, AWS_DEFAULT_REGION: dr }, config, profile, flag)).toEqual({ region, source });
  });

  it("a value that is not a region name is one error naming where it came from", () => {
    expect(() => resolveRegion({}, config, "dev", "eu west 1")).toThrow(/^--region "eu west 1" is not a region name/);
    expect(() => resolveRegion({ AWS_REGION: "-bad" }, config, "dev")).toThrow(/^AWS_REGION "-bad" is not a region name/);
    expect(() => resolveRegion({ AWS_DEFAULT_REGION: "123" }, config, "dev")).toThrow(/^AWS_DEFAULT_REGION "123"/);
    try {
      resolveRegion({}, config, "bad");
      expect.unreachable();
    } catch (e) {
      expect((e as { toUserLine(): string }).toUserLine()).toBe(
        'The region of profile bad "eu west 1" is not a region name (like eu-west-1). Fix: set region = eu-west-1 (or another region name) under [profile bad] in /home/u/.aws/config',
      );
    }
    // A valid flag wins before a broken lower source is looked at.
    expect(resolveRegion({ AWS_REGION: "not valid" }, config, "bad", "eu-west-2").region).toBe("eu-west-2");
  });

  it("agrees with botocore's validate_region_name on generated names", async () => {
    const { execFileSync } = await import("node:child_process");
    const alphabet = "ab-1Z_. ";
    const names: string[] = ["a", "1", "12", "a1", "-a", "a-", "a--b", "x".repeat(63), "x".repeat(64)];
    let seed = 7;
    for (let i = 0; i < 300; i++) {
      let n = "";
      const len = 1 + (seed % 9);
      for (let j = 0; j < len; j++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        n += alphabet[seed % alphabet.length];
      }
      names.push(n);
    }
    let botocore: boolean[];
    try {
      const script = `import json,sys\nfrom botocore.utils import validate_region_name\nout=[]\nfor n in json.load(sys.stdin):\n  try:\n    validate_region_name(n); out.append(True)\n  except Exception: out.append(False)\nprint(json.dumps(out))`;
      botocore = JSON.parse(execFileSync("python3", ["-c", script], { input: JSON.stringify(names) }).toString()) as boolean[];
    } catch {
      console.warn("skipped: botocore is not installed");
      return;
    }
    const ours = names.map((n) => {
      try {
        resolveRegion({}, config, "dev", n);
        return true;
      } catch {
        return false;
      }
    });
    expect(ours).toEqual(botocore);
  });
});
