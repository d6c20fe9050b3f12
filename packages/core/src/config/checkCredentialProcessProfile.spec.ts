import { describe, expect, it } from "vitest";
import { checkCredentialProcessProfile, credentialProcessTarget } from "./checkCredentialProcessProfile.js";
import type { SharedConfig } from "./loadSharedConfig.js";

const config = (profiles: SharedConfig["profiles"]): SharedConfig => ({
  profiles,
  ssoSessions: { s: { sso_start_url: "https://d-0123456789.awsapps.com/start", sso_region: "us-east-1" } },
  services: {},
  configFile: "/home/u/.aws/config",
  credentialsFile: "/home/u/.aws/credentials",
});
const SSO = { sso_session: "s", sso_account_id: "111111111111", sso_role_name: "ReadOnlyAccess" };

describe("credentialProcessTarget", () => {
  it.each([
    ["sso-credential-process --profile dev", "dev"],
    ["/usr/local/bin/sso-credential-process --profile=dev", "dev"],
    ['"/opt/my tools/sso-credential-process" --profile "my dev"', "my dev"],
    ["C:\\tools\\sso-credential-process.cmd --profile dev", "dev"],
    ["sso-credential-process --sso-session s --account-id 1 --role-name R", undefined],
    ["aws-vault export --format=json dev", undefined],
    ["python3 sso-credential-process-wrapper.py --profile dev", undefined],
  ])("%s → %s", (line, target) => {
    expect(credentialProcessTarget(line)).toBe(target);
  });
});

describe("checkCredentialProcessProfile", () => {
  it("refuses a profile whose credential_process asks for itself and has nothing else", () => {
    const run = () => checkCredentialProcessProfile(config({ dev: { credential_process: "sso-credential-process --profile dev" } }), "dev");
    expect(run).toThrow(/\[profile dev\] in \/home\/u\/\.aws\/config has credential_process = sso-credential-process --profile dev, which asks for itself/);
    expect(run).toThrow(expect.objectContaining({ code: "CredentialProcessLoop", fix: expect.stringContaining("credential_process = sso-credential-process --profile dev-sso") }));
  });

  it("refuses credential_process beside sso_* keys that point elsewhere, naming the keys and where to move them", () => {
    const run = () => checkCredentialProcessProfile(config({ dev: { ...SSO, credential_process: "aws-vault export --format=json dev" } }), "dev");
    expect(run).toThrow(/has both credential_process and sso_session, sso_account_id, sso_role_name: botocore and the AWS CLI use the sso_\* settings, the JS SDK runs credential_process/);
    expect(run).toThrow(expect.objectContaining({ code: "CredentialProcessConflict", fix: "move sso_session, sso_account_id, sso_role_name to [profile dev-sso] and set credential_process = sso-credential-process --profile dev-sso under [profile dev]" }));
    expect(() => checkCredentialProcessProfile(config({ dev: { ...SSO, credential_process: "sso-credential-process --profile other" } }), "dev")).toThrow(/CredentialProcess|both credential_process/);
  });

  it("accepts the usual set-ups", () => {
    const ok = config({
      // credential_process in one profile, the SSO settings in another.
      dev: { credential_process: "sso-credential-process --profile dev-sso" },
      "dev-sso": SSO,
      // Both readings give the same credentials.
      same: { ...SSO, credential_process: "sso-credential-process --profile same" },
      plain: SSO,
      role: { role_arn: "arn:aws:iam::222222222222:role/Deployer", source_profile: "plain", credential_process: "sso-credential-process --profile role" },
    });
    for (const name of ["dev", "dev-sso", "same", "plain", "role", "absent"]) expect(() => checkCredentialProcessProfile(ok, name)).not.toThrow();
  });
});
