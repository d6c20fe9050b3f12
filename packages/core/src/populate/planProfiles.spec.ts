import { describe, expect, it } from "vitest";
import { planProfiles, sanitizeProfileName } from "./planProfiles.js";

describe("planProfiles", () => {
  it("names profiles <AccountName>.<RoleName> as aws-sso-util does, sorted, with sso-session keys", () => {
    const plan = planProfiles(
      [
        { accountId: "222222222222", accountName: "Staging", roleName: "ReadOnlyAccess" },
        { accountId: "111111111111", accountName: "Development", roleName: "AdministratorAccess" },
      ],
      { ssoSession: "my-sso", region: "eu-west-1" },
    );
    expect(plan).toEqual([
      {
        profileName: "Development.AdministratorAccess",
        accountId: "111111111111",
        roleName: "AdministratorAccess",
        keys: [["sso_session", "my-sso"], ["sso_account_id", "111111111111"], ["sso_role_name", "AdministratorAccess"], ["region", "eu-west-1"], ["sso_account_name", "Development"]],
      },
      {
        profileName: "Staging.ReadOnlyAccess",
        accountId: "222222222222",
        roleName: "ReadOnlyAccess",
        keys: [["sso_session", "my-sso"], ["sso_account_id", "222222222222"], ["sso_role_name", "ReadOnlyAccess"], ["region", "eu-west-1"], ["sso_account_name", "Staging"]],
      },
    ]);
  });

  it("applies prefix and template, and writes legacy keys for a session without a name", () => {
    const [p] = planProfiles([{ accountId: "111111111111", accountName: "Dev", roleName: "Admin" }], {
      ssoSession: { name: undefined, startUrl: "https://d-0123456789.awsapps.com/start", region: "us-east-1", registrationScopes: undefined },
      prefix: "acme-",
      nameTemplate: "{roleName}@{accountId}",
    });
    expect(p!.profileName).toBe("acme-Admin@111111111111");
    expect(p!.keys.slice(0, 2)).toEqual([["sso_start_url", "https://d-0123456789.awsapps.com/start"], ["sso_region", "us-east-1"]]);
  });

  it("sanitizes names to characters every SDK and shell accepts", () => {
    expect(sanitizeProfileName("Développement Team (EU)/Admin Access")).toBe("Developpement-Team-EU-Admin-Access");
    expect(sanitizeProfileName("  'quoted' [x] #1 ")).toBe("quoted-x-1");
    const [p] = planProfiles([{ accountId: "111111111111", accountName: "", roleName: "R" }], { ssoSession: "s" });
    expect(p!.profileName).toBe("111111111111.R");
  });

  it("disambiguates colliding names with the account id, whatever the order", () => {
    const roles = [
      { accountId: "111111111111", accountName: "Dev Team", roleName: "Admin" },
      { accountId: "222222222222", accountName: "Dev-Team", roleName: "Admin" },
      { accountId: "333333333333", accountName: "Other", roleName: "Admin" },
    ];
    const names = planProfiles(roles, { ssoSession: "s" }).map((p) => p.profileName);
    expect(names).toEqual(["Dev-Team.Admin-111111111111", "Dev-Team.Admin-222222222222", "Other.Admin"]);
    expect(planProfiles([...roles].reverse(), { ssoSession: "s" }).map((p) => p.profileName)).toEqual(names);
  });

  it("falls back to a short hash when the account id does not separate two roles", () => {
    const names = planProfiles(
      [
        { accountId: "111111111111", accountName: "Dev", roleName: "Admin Access" },
        { accountId: "111111111111", accountName: "Dev", roleName: "Admin-Access" },
      ],
      { ssoSession: "s" },
    ).map((p) => p.profileName);
    expect(new Set(names).size).toBe(2);
    for (const n of names) expect(n).toMatch(/^Dev\.Admin-Access-111111111111-[0-9a-f]{6}$/);
  });

  it("rejects an unknown placeholder", () => {
    expect(() => planProfiles([], { ssoSession: "s", nameTemplate: "{account}" })).toThrow(/Unknown placeholder \{account\}/);
  });
});
