import { readFileSync } from "node:fs";
import type { FixtureAccount, Fixtures } from "./types.js";

export const DEFAULT_START_URL = "https://d-0123456789.awsapps.com/start";

export function defaultFixtures(): Fixtures {
  return {
    startUrl: DEFAULT_START_URL,
    region: "us-east-1",
    user: { userName: "jane@example.com", userId: "9067a1b2c3-d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f70" },
    accounts: [
      { accountId: "111111111111", accountName: "Development", emailAddress: "aws-dev@example.com", roles: ["AdministratorAccess", "ReadOnlyAccess", "Developer"] },
      { accountId: "222222222222", accountName: "Staging", emailAddress: "aws-staging@example.com", roles: ["ReadOnlyAccess", "Developer"] },
      { accountId: "333333333333", accountName: "Production", emailAddress: "aws-prod@example.com", roles: ["AdministratorAccess", "ReadOnlyAccess"] },
    ],
  };
}

/** Defaults overlaid with what the caller gave; a malformed fixtures file is an error naming the field. */
export function loadFixtures(input: Partial<Fixtures> | string | undefined): Fixtures {
  const given: Partial<Fixtures> = typeof input === "string" ? readJson(input) : (input ?? {});
  const fixtures = { ...defaultFixtures(), ...given };
  if (!/^https:\/\//.test(fixtures.startUrl)) throw new Error(`fixtures: startUrl must be an https URL, got ${JSON.stringify(fixtures.startUrl)}`);
  if (!Array.isArray(fixtures.accounts)) throw new Error("fixtures: accounts must be an array");
  fixtures.accounts.forEach((a: FixtureAccount, i) => {
    if (!/^\d{12}$/.test(a?.accountId ?? "")) throw new Error(`fixtures: accounts[${i}].accountId must be 12 digits`);
    if (!Array.isArray(a.roles) || a.roles.some((r) => typeof r !== "string" || r === "")) throw new Error(`fixtures: accounts[${i}].roles must be a list of role names`);
    a.accountName ??= a.accountId;
    a.emailAddress ??= `${a.accountId}@example.com`;
  });
  return fixtures;
}

function readJson(path: string): Partial<Fixtures> {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Partial<Fixtures>;
  } catch (e) {
    throw new Error(`fixtures file ${path}: ${(e as Error).message}`);
  }
}
