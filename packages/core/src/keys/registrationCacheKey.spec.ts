import { expect, it } from "vitest";
import { registrationCacheKey } from "./registrationCacheKey.js";

// Worked examples #8–#10 of aws-sso-facts §4.5 (computed with python3 and the AWS CLI's algorithm).
it.each([
  [{ scopes: ["sso:account:access"], sessionName: "my-sso" }, "18a03a0cb517926e3f0d043f1a32b82910d0a3a9"],
  [{ scopes: undefined, sessionName: "my-sso" }, "bee87d73641d82154e6c327ae266c37cffd8699a"],
  [{ scopes: undefined, sessionName: undefined }, "ae7d17428e91e6412560ccfe9bb2861d52ec9f90"],
])("registrationCacheKey(%j)", (input, key) => {
  expect(registrationCacheKey({ startUrl: "https://d-9a6772b5aa.awsapps.com/start", region: "us-east-1", ...input })).toBe(key);
});
