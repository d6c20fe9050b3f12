import { ListAccountRolesCommand, ListAccountsCommand, paginateListAccounts } from "@aws-sdk/client-sso";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_START_URL, loadFixtures } from "./fixtures.js";
import { startEmulator } from "./startEmulator.js";
import { clients, endpointEnv, runPython, tempDir } from "./test-support/helpers.js";
import type { Emulator } from "./types.js";

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(100_000_000_000 + i));

describe("a fixtures file with 1,000 accounts", () => {
  let emu: Emulator;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let accessToken: string;

  beforeAll(async () => {
    dir = await tempDir("emu-fixtures-");
    const file = join(dir.path, "fixtures.json");
    const accounts = ids(1000).map((accountId, i) => ({ accountId, accountName: `Account ${i}`, emailAddress: `aws+${i}@example.com`, roles: i % 2 ? ["ReadOnlyAccess"] : ["AdministratorAccess", "ReadOnlyAccess"] }));
    await writeFile(file, JSON.stringify({ startUrl: "https://d-9a6772b5aa.awsapps.com/start", region: "eu-west-1", accounts }));
    emu = await startEmulator({ fixtures: file });
    accessToken = emu.mintToken().accessToken;
  });
  afterAll(async () => {
    await emu.close();
    await dir.remove();
  });

  it("takes startUrl and region from the file, the user from the defaults", () => {
    expect(emu.fixtures.startUrl).toBe("https://d-9a6772b5aa.awsapps.com/start");
    expect(emu.fixtures.region).toBe("eu-west-1");
    expect(emu.fixtures.user.userName).toBe("jane@example.com");
    expect(emu.mintToken().startUrl).toBe("https://d-9a6772b5aa.awsapps.com/start");
  });

  it("paginateListAccounts (JS) returns all 1,000, in order, with the default page size and with 100", async () => {
    const { sso } = clients(emu);
    for (const pageSize of [undefined, 100]) {
      const seen: string[] = [];
      let pages = 0;
      for await (const page of paginateListAccounts({ client: sso, ...(pageSize ? { pageSize } : {}) }, { accessToken })) {
        pages++;
        for (const a of page.accountList ?? []) seen.push(a.accountId!);
      }
      expect(seen).toEqual(ids(1000));
      expect(pages).toBe(pageSize ? 10 : 50);
    }
    const roles = await sso.send(new ListAccountRolesCommand({ accessToken, accountId: "100000000998" }));
    expect(roles.roleList?.map((r) => r.roleName)).toEqual(["AdministratorAccess", "ReadOnlyAccess"]);
  });

  it("botocore's paginator pages through all 1,000 (no token ever repeated)", async () => {
    const out = await runPython(
      String.raw`
import json, os, boto3
sso = boto3.client("sso", region_name="eu-west-1")
pages = list(sso.get_paginator("list_accounts").paginate(accessToken=os.environ["TOKEN"], PaginationConfig={"PageSize": 37}))
ids = [a["accountId"] for p in pages for a in p["accountList"]]
print(json.dumps({"pages": len(pages), "count": len(ids), "unique": len(set(ids)), "first": ids[0], "last": ids[-1]}))`,
      { ...endpointEnv(emu), TOKEN: accessToken },
    );
    expect(out).toEqual({ pages: 28, count: 1000, unique: 1000, first: "100000000000", last: "100000000999" });
  });

  it("max_result outside 1..100 is InvalidRequestException", async () => {
    const { sso } = clients(emu);
    await expect(sso.send(new ListAccountsCommand({ accessToken, maxResults: 101 }))).rejects.toMatchObject({ name: "InvalidRequestException" });
    await expect(sso.send(new ListAccountsCommand({ accessToken, maxResults: 0 }))).rejects.toMatchObject({ name: "InvalidRequestException" });
  });
});

describe("fixture validation", () => {
  it("names the field that is wrong", () => {
    expect(() => loadFixtures({ startUrl: "http://127.0.0.1/start" })).toThrow(/startUrl must be an https URL/);
    expect(() => loadFixtures({ accounts: {} as never })).toThrow("fixtures: accounts must be an array");
    expect(() => loadFixtures({ accounts: [{ accountId: "1234", accountName: "x", emailAddress: "x@example.com", roles: [] }] })).toThrow("fixtures: accounts[0].accountId must be 12 digits");
    expect(() => loadFixtures({ accounts: [{ accountId: "123456789012", roles: "Admin" } as never] })).toThrow("fixtures: accounts[0].roles must be a list of role names");
    expect(() => loadFixtures({ accounts: [null as never] })).toThrow("fixtures: accounts[0].accountId must be 12 digits");
  });

  it("fills account names and emails, keeps defaults for what is not given", () => {
    const f = loadFixtures({ accounts: [{ accountId: "123456789012", roles: ["Admin"] } as never] });
    expect(f.startUrl).toBe(DEFAULT_START_URL);
    expect(f.accounts).toEqual([{ accountId: "123456789012", accountName: "123456789012", emailAddress: "123456789012@example.com", roles: ["Admin"] }]);
    expect(loadFixtures(undefined).accounts.map((a) => a.accountName)).toEqual(["Development", "Staging", "Production"]);
  });

  it("a missing or malformed file rejects startEmulator with the path", async () => {
    const dir = await tempDir("emu-badfix-");
    try {
      const bad = join(dir.path, "bad.json");
      await writeFile(bad, "{ not json");
      await expect(startEmulator({ fixtures: bad })).rejects.toThrow(`fixtures file ${bad}:`);
      await expect(startEmulator({ fixtures: join(dir.path, "missing.json") })).rejects.toThrow(/fixtures file .*missing\.json: ENOENT/);
    } finally {
      await dir.remove();
    }
  });
});
