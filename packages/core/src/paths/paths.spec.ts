import { expect, it } from "vitest";
import { cliCacheDir, ssoCacheDir, ssoCredentialsCachePath, tokenCachePath } from "./index.js";

const home = () => "/home/u";

it("defaults to the AWS CLI layout under the home directory", () => {
  expect(ssoCacheDir({ homedir: home, env: {} })).toBe("/home/u/.aws/sso/cache");
  expect(cliCacheDir({ homedir: home, env: {} })).toBe("/home/u/.aws/cli/cache");
  expect(tokenCachePath({ homedir: home, env: {} }, { name: "my-sso", startUrl: "x" })).toBe("/home/u/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json");
  expect(ssoCredentialsCachePath({ homedir: home, env: {} }, { accountId: "111111111111", roleName: "Admin", sessionName: "my-sso" })).toBe(
    "/home/u/.aws/cli/cache/4d591a7ab0da2e15379d89377621ae9cda619cc3.json",
  );
});

it("SSO_CREDS_SSO_CACHE_DIR / SSO_CREDS_CLI_CACHE_DIR relocate the caches (~ expanded, empty ignored)", () => {
  const env = { SSO_CREDS_SSO_CACHE_DIR: "/cache/sso", SSO_CREDS_CLI_CACHE_DIR: "~/cli" };
  expect(tokenCachePath({ homedir: home, env }, { name: undefined, startUrl: "https://d-9a6772b5aa.awsapps.com/start" })).toBe(
    "/cache/sso/4fbbfb5d40afa2f001d7c45107652897179a34ad.json",
  );
  expect(cliCacheDir({ homedir: home, env })).toBe("/home/u/cli");
  expect(ssoCacheDir({ homedir: home, env: { SSO_CREDS_SSO_CACHE_DIR: "" } })).toBe("/home/u/.aws/sso/cache");
});
