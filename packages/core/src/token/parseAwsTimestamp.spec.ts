import { describe, expect, it } from "vitest";
import { formatAwsTimestamp, parseAwsTimestamp } from "./parseAwsTimestamp.js";

const T = Date.UTC(2026, 10, 22, 22, 48, 43);

describe("parseAwsTimestamp", () => {
  it.each([
    ["2026-11-22T22:48:43Z", T],
    ["2026-11-22T22:48:43.411Z", T + 411],
    ["2026-11-22T22:48:43.411123Z", T + 411],
    ["2026-11-22T22:48:43+00:00", T],
    ["2026-11-22T23:48:43+01:00", T],
    ["2026-11-22T21:48:43-0100", T],
    ["2026-11-22T22:48:43UTC", T], // AWS CLI v2 builds before Dec 2020
    ["2026-11-22T22:48:43GMT", T],
    ["2026-11-22 22:48:43+00:00", T], // Python str(datetime)
    ["2026-11-22T22:48:43", T], // no zone: the old CLI meant UTC
    ["2026-11-22t22:48:43z", T],
  ])("reads %s", (input, expected) => {
    expect(parseAwsTimestamp(input)).toBe(expected);
  });

  it.each(["", "tomorrow", "2026-11-22", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-22T25:00:00Z", "1700000000", "2026-11-22T22:48:43+5"])(
    "rejects %j",
    (input) => expect(parseAwsTimestamp(input)).toBeUndefined(),
  );

  it("formats as the AWS CLI writes it, truncating fractions", () => {
    expect(formatAwsTimestamp(T + 999)).toBe("2026-11-22T22:48:43Z");
  });
});
