import { readFile, stat, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { removeProfileSections, writeProfileFiles } from "./profileFiles.js";

const MARK = "# written by a test";
const owns = (line: string) => line === MARK;
const creds = { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secret/abc", sessionToken: "token+xyz", accountId: "111111111111", expiration: Date.parse("2026-11-23T12:00:00Z") };

let t: TempHome;
beforeEach(async () => {
  t = await createTempHome();
});
afterEach(() => t.cleanup());

describe("writeProfileFiles / removeProfileSections", () => {
  it("writes [name] into the credentials file and [profile name] into the config file, 0600, and removes them again", async () => {
    const config = join(t.home, ".aws/config");
    await mkdir(join(t.home, ".aws"), { recursive: true });
    await writeFile(config, "[profile dev]\nsso_session = x\n");
    const written = await writeProfileFiles(t.deps, "dev-static", creds, { marker: MARK, region: "eu-west-1" });
    const credentials = join(t.home, ".aws/credentials");
    expect(written).toEqual([
      { path: credentials, header: "dev-static", created: true },
      { path: config, header: "profile dev-static", created: false },
    ]);
    expect(await readFile(credentials, "utf8")).toBe(
      `[dev-static]\n${MARK}\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = secret/abc\naws_session_token = token+xyz\n`,
    );
    expect((await stat(credentials)).mode & 0o777).toBe(0o600);
    expect(await readFile(config, "utf8")).toBe(`[profile dev]\nsso_session = x\n\n[profile dev-static]\n${MARK}\nregion = eu-west-1\n`);

    const removed = await removeProfileSections(t.deps, owns, (h) => h === "dev-static" || h === "profile dev-static", {
      created: new Set([credentials]),
    });
    expect(removed).toEqual([
      { path: credentials, removed: ["dev-static"] },
      { path: config, removed: ["profile dev-static"] },
    ]);
    await expect(stat(credentials)).rejects.toMatchObject({ code: "ENOENT" });
    expect(await readFile(config, "utf8")).toBe("[profile dev]\nsso_session = x\n\n");
  });

  it("refuses a name that is the user's own section, and changes nothing", async () => {
    await mkdir(join(t.home, ".aws"), { recursive: true });
    const credentials = join(t.home, ".aws/credentials");
    await writeFile(credentials, "[prod]\naws_access_key_id = AKIAUSER\n");
    await expect(writeProfileFiles(t.deps, "prod", creds, { marker: MARK, conflictFix: "pick another" })).rejects.toMatchObject({
      code: "ProfileExists",
      fix: "pick another",
    });
    expect(await readFile(credentials, "utf8")).toBe("[prod]\naws_access_key_id = AKIAUSER\n");
  });

  it("with userConfigSection keep, the user's own [profile name] in the config stays as it is and only the credentials are written", async () => {
    await mkdir(join(t.home, ".aws"), { recursive: true });
    const config = join(t.home, ".aws/config");
    await writeFile(config, "[default]\nregion = us-west-2\noutput = json\n");
    const written = await writeProfileFiles(t.deps, "default", creds, { marker: MARK, region: "eu-west-1", userConfigSection: "keep" });
    expect(written.map((f) => f.header)).toEqual(["default"]);
    expect(await readFile(config, "utf8")).toBe("[default]\nregion = us-west-2\noutput = json\n");
    // Without it, the same call refuses.
    await expect(writeProfileFiles(t.deps, "default", creds, { marker: MARK, region: "eu-west-1" })).rejects.toMatchObject({ code: "ProfileExists" });
  });

  it("refuses a name that is not a profile name", async () => {
    await expect(writeProfileFiles(t.deps, "bad name]", creds, { marker: MARK })).rejects.toMatchObject({ code: "InvalidProfileName" });
  });
});
