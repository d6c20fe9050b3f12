import { expect, it } from "vitest";
import { assumeRoleCacheKey } from "./assumeRoleCacheKey.js";
import { pythonJsonDumpsSorted } from "./pythonJsonDumpsSorted.js";

// Worked examples #6 and #7 of aws-sso-facts §4.5.
it("assumeRoleCacheKey: default separators, sorted keys, DurationSeconds as int", () => {
  expect(assumeRoleCacheKey({ RoleArn: "arn:aws:iam::123456789012:role/Admin" })).toBe("51e7b105b5040ce662656c8dc6ab4de70c4de7ad");
  // #6b: compact separators give a different key; botocore does not use them.
  expect(assumeRoleCacheKey({ RoleArn: "arn:aws:iam::123456789012:role/Admin" })).not.toBe("e37a7a17cdc87871963ba06976c89fd26d4f80fb");
  const seven = { RoleArn: "arn:aws:iam::123456789012:role/Admin", RoleSessionName: "me", ExternalId: "ext" };
  expect(assumeRoleCacheKey({ ...seven, DurationSeconds: 3600 })).toBe("9295fd7c62b7d36f0542caec23e2a8d0b60b6b5d");
  expect(assumeRoleCacheKey({ RoleArn: seven.RoleArn, RoleSessionName: "botocore-session-1700000000" }, { roleSessionNameGenerated: true })).toBe(
    "51e7b105b5040ce662656c8dc6ab4de70c4de7ad",
  );
});

it("pythonJsonDumpsSorted: nested keys sorted by code point, non-ASCII escaped, '/' kept", () => {
  expect(pythonJsonDumpsSorted({ b: 1, a: { d: [1, "é/😀"], c: null } })).toBe('{"a": {"c": null, "d": [1, "\\u00e9/\\ud83d\\ude00"]}, "b": 1}');
  // U+FFFF sorts before U+10000 in Python; UTF-16 order would put the emoji first.
  expect(pythonJsonDumpsSorted({ "\uffff": 1, "😀": 2 })).toBe('{"\\uffff": 1, "\\ud83d\\ude00": 2}');
});
