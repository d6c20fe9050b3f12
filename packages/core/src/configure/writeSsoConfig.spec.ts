import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseAwsIni } from "../config/parseAwsIni.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { defaultSsoSessionName, validateRegion, validateStartUrl } from "./validate.js";
import { applySsoConfig, writeSsoConfig, type SsoConfigSections } from "./writeSsoConfig.js";

const URL_ = "https://d-0123456789.awsapps.com/start";
const SECTIONS: SsoConfigSections = {
  session: { name: "acme", startUrl: URL_, region: "us-east-1" },
  profile: { name: "dev", accountId: "111111111111", roleName: "Admin", accountName: "Development", region: "eu-west-1" },
};
const WRITTEN = `[sso-session acme]
sso_start_url = ${URL_}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = acme
sso_account_id = 111111111111
sso_role_name = Admin
region = eu-west-1
sso_account_name = Development
sso_creds_managed = true
`;

describe("applySsoConfig", () => {
  it("adds both sections to an empty file; again changes nothing", () => {
    const first = applySsoConfig("", SECTIONS, "~/.aws/config");
    expect(first).toEqual({ text: WRITTEN, session: "added", profile: "added" });
    expect(applySsoConfig(first.text, SECTIONS, "f")).toEqual({ text: WRITTEN, session: "unchanged", profile: "unchanged" });
  });

  it("keeps every byte of any other text (comments, CRLF, no final newline) in front of what it appends", () => {
    const before = fc.sample(
      // Each header at most once (a file with a section twice is an error botocore reports too).
      fc.uniqueArray(fc.constantFrom("# c\n", "[profile x]\n", "region = us-east-1\n", "\r\n", "[sso-session other]\n", "sso_start_url = https://x.awsapps.com/start\n", "; note", "\n", "# [sso-session acme]\n"), { maxLength: 9 }),
      200,
    ).map((parts) => "[profile first]\noutput = json\n" + parts.join(""));
    for (const text of before) {
      const out = applySsoConfig(text, SECTIONS, "f");
      expect(out.text.startsWith(text)).toBe(true);
      const parsed = parseAwsIni(out.text);
      expect(parsed.get("sso-session acme")).toMatchObject({ sso_start_url: URL_, sso_region: "us-east-1" });
      expect(parsed.get("profile dev")).toMatchObject({ sso_session: "acme", sso_account_id: "111111111111", sso_role_name: "Admin" });
    }
  });

  it("reuses an sso-session with the same settings (trailing slash aside); refuses one with other settings", () => {
    const same = `[sso-session acme]\nsso_start_url = ${URL_}/\nsso_region = us-east-1\n`;
    expect(applySsoConfig(same, SECTIONS, "f").session).toBe("unchanged");
    const other = `[sso-session acme]\nsso_start_url = https://d-9.awsapps.com/start\nsso_region = us-east-1\n`;
    expect(() => applySsoConfig(other, SECTIONS, "~/.aws/config")).toThrow(/\[sso-session acme\] in ~\/.aws\/config has start URL https:\/\/d-9.awsapps.com\/start/);
  });

  it("updates a profile it wrote (marked), refuses one written by hand", () => {
    const marked = WRITTEN.replace("sso_role_name = Admin", "sso_role_name = Old");
    expect(applySsoConfig(marked, SECTIONS, "f")).toMatchObject({ text: WRITTEN, profile: "updated" });
    const mine = "[profile dev]\nregion = us-east-1\n";
    expect(() => applySsoConfig(mine, SECTIONS, "f")).toThrow(/\[profile dev\] in f is written by hand/);
  });

  it("refuses names that would not read back, and line breaks in values", () => {
    expect(() => applySsoConfig("", { session: { ...SECTIONS.session, name: "a]b" } }, "f")).toThrow(/not a valid sso-session name/);
    expect(() => applySsoConfig("", { ...SECTIONS, profile: { ...SECTIONS.profile!, name: "x y" } }, "f")).toThrow(/not a valid profile name/);
    expect(() => applySsoConfig("", { session: { ...SECTIONS.session, startUrl: `${URL_}\n[x]` } }, "f")).toThrow(/line break/);
  });
});

describe("writeSsoConfig", () => {
  let t: TempHome;
  beforeEach(async () => {
    t = await createTempHome();
  });
  afterEach(() => t.cleanup());

  it("writes 0600 under the config lock; a refused write leaves the file as it was", async () => {
    const deps = t.deps;
    const file = join(t.home, ".aws", "config");
    expect(await writeSsoConfig(deps, file, SECTIONS)).toEqual({ session: "added", profile: "added", written: true });
    expect(await readFile(file, "utf8")).toBe(WRITTEN);
    expect((await import("node:fs")).statSync(file).mode & 0o777).toBe(0o600);
    const other = "[profile dev]\nregion = us-east-1\n";
    await mkdir(join(t.home, ".aws"), { recursive: true });
    await writeFile(file, other);
    await expect(writeSsoConfig(deps, file, SECTIONS)).rejects.toThrow(/written by hand/);
    expect(await readFile(file, "utf8")).toBe(other);
  });
});

describe("configure checks", () => {
  it("start URLs, regions, default session names", () => {
    expect(validateStartUrl(URL_)).toBeUndefined();
    expect(validateStartUrl("https://ssoins-7223ab0e.portal.us-east-1.app.aws")).toBeUndefined();
    expect(validateStartUrl("http://d-0123456789.awsapps.com/start")).toMatch(/must be https/);
    expect(validateStartUrl("d-0123456789")).toMatch(/not a URL/);
    expect(validateStartUrl("https://me:pw@x.awsapps.com/start")).toMatch(/no user name or password/);
    for (const r of ["us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1", "ap-southeast-5"]) expect(validateRegion(r)).toBeUndefined();
    for (const r of ["useast1", "US-EAST-1", "us-east", "", "us-east-1 "]) expect(validateRegion(r)).toMatch(/not an AWS region name/);
    expect(defaultSsoSessionName(URL_)).toBe("d-0123456789");
    expect(defaultSsoSessionName("https://acme.awsapps.com/start")).toBe("acme");
    expect(defaultSsoSessionName("https://start.us-gov-home.awsapps.com/directory/x")).toBe("my-sso");
  });
});
