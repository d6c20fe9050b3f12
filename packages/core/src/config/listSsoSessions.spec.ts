import { expect, it } from "vitest";
import { parseAwsIni } from "./parseAwsIni.js";
import type { SharedConfig } from "./loadSharedConfig.js";
import { listSsoProfiles } from "./listSsoProfiles.js";
import { listSsoSessions } from "./listSsoSessions.js";
import { resolveSsoSession } from "./resolveSsoSession.js";

function config(text: string): SharedConfig {
  const out: SharedConfig = { profiles: {}, ssoSessions: {}, services: {}, configFile: "~/.aws/config", credentialsFile: "~/.aws/credentials" };
  for (const [name, section] of parseAwsIni(text)) {
    if (name === "default") out.profiles.default = section;
    else if (name.startsWith("profile ")) out.profiles[name.slice(8)] = section;
    else if (name.startsWith("sso-session ")) out.ssoSessions[name.slice(12)] = section;
  }
  return out;
}

const ONE = `[sso-session a]\nsso_start_url = https://d-0123456789.awsapps.com/start\nsso_region = us-east-1\n
[profile dev]\nsso_session = a\nsso_account_id = 111111111111\nsso_role_name = Admin\n
[profile static]\naws_access_key_id = AKIA\n`;

it("lists complete sso-sessions and SSO profiles only", () => {
  const c = config(`${ONE}\n[sso-session broken]\nsso_region = us-east-1\n`);
  expect(listSsoSessions(c).map((s) => s.name)).toEqual(["a"]);
  expect(listSsoProfiles(c).map((p) => p.profileName)).toEqual(["dev"]);
});

it("with nothing named, picks the only sso-session, and names the choices when there are several", () => {
  expect(resolveSsoSession(config(ONE), {}).name).toBe("a");
  const two = config(`${ONE}\n[sso-session b]\nsso_start_url = https://d-0123456789.awsapps.com/start\nsso_region = eu-west-1\n`);
  expect(() => resolveSsoSession(two, {})).toThrow(/several sso-sessions \(a, b\)/);
  // An SSO default profile still wins, as before.
  const withDefault = config(`${ONE}\n[default]\nsso_session = a\nsso_account_id = 1\nsso_role_name = R\n`);
  expect(resolveSsoSession(withDefault, {}).name).toBe("a");
});
