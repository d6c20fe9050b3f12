import { expect, it } from "vitest";
import type { SharedConfig } from "./loadSharedConfig.js";
import { listLoginTargets } from "./listLoginTargets.js";
import { parseAwsIni } from "./parseAwsIni.js";

function config(text: string): SharedConfig {
  const out: SharedConfig = { profiles: {}, ssoSessions: {}, services: {}, configFile: "~/.aws/config", credentialsFile: "~/.aws/credentials" };
  for (const [name, section] of parseAwsIni(text)) {
    if (name === "default") out.profiles.default = section;
    else if (name.startsWith("profile ")) out.profiles[name.slice(8)] = section;
    else if (name.startsWith("sso-session ")) out.ssoSessions[name.slice(12)] = section;
  }
  return out;
}

it("lists sso-sessions, then each legacy start URL once with the first profile naming it", () => {
  const c = config(`[sso-session a]\nsso_start_url = https://a.awsapps.com/start\nsso_region = us-east-1\n
[profile legacy1]\nsso_start_url = https://old.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 1\nsso_role_name = R\n
[profile legacy2]\nsso_start_url = https://old.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 2\nsso_role_name = R\n
[profile modern]\nsso_session = a\nsso_start_url = https://ignored.awsapps.com/start\nsso_region = us-east-1\n
[profile noregion]\nsso_start_url = https://half.awsapps.com/start\n
[default]\nsso_start_url = https://def.awsapps.com/start\nsso_region = us-west-2\n`);
  expect(listLoginTargets(c)).toEqual([
    { session: { name: "a", startUrl: "https://a.awsapps.com/start", region: "us-east-1", registrationScopes: undefined } },
    { session: { name: undefined, startUrl: "https://old.awsapps.com/start", region: "eu-west-1", registrationScopes: undefined }, legacyProfile: "legacy1" },
    { session: { name: undefined, startUrl: "https://def.awsapps.com/start", region: "us-west-2", registrationScopes: undefined }, legacyProfile: "default" },
  ]);
});
