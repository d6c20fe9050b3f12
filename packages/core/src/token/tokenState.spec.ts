import { describe, expect, it } from "vitest";
import { SECRETS, isoSeconds, tokenFixture } from "../test-support/fixtures.js";
import { TOKEN_REFRESH_WINDOW_MS } from "./constants.js";
import { tokenState } from "./tokenState.js";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

describe("tokenState", () => {
  it("uses botocore's 15-minute window", () => {
    expect(TOKEN_REFRESH_WINDOW_MS).toBe(900_000);
    expect(tokenState(tokenFixture(NOW, 16 * 60_000), NOW)).toEqual({ expired: false, expiresInMs: 16 * 60_000, refreshable: true, needsRefresh: false });
    expect(tokenState(tokenFixture(NOW, 14 * 60_000), NOW)).toMatchObject({ expired: false, needsRefresh: true });
    expect(tokenState(tokenFixture(NOW, 0), NOW)).toMatchObject({ expired: true, expiresInMs: 0, needsRefresh: true });
  });

  it("is refreshable only with refreshToken, clientId, clientSecret and a registration that has not expired", () => {
    const base = tokenFixture(NOW, -1000);
    expect(tokenState(base, NOW).refreshable).toBe(true);
    for (const key of ["refreshToken", "clientId", "clientSecret", "registrationExpiresAt"] as const) {
      const { [key]: _gone, ...rest } = base;
      expect(tokenState(rest as typeof base, NOW).refreshable, key).toBe(false);
    }
    expect(tokenState({ ...base, registrationExpiresAt: isoSeconds(NOW - 1000) }, NOW).refreshable).toBe(false);
    expect(tokenState({ ...base, registrationExpiresAt: "soon" }, NOW).refreshable).toBe(false);
    expect(tokenState({ ...base, refreshToken: "" }, NOW).refreshable).toBe(false);
  });

  it("treats an unparsable expiresAt as expired", () => {
    const s = tokenState({ accessToken: SECRETS.accessToken, expiresAt: "never" }, NOW);
    expect(s.expired).toBe(true);
    expect(Number.isNaN(s.expiresInMs)).toBe(true);
  });
});
