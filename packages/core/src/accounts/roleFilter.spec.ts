import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { parseRoleFilter } from "./roleFilter.js";

const prod = { accountId: "123456789012", accountName: "Prod-Payments" };
const dev = { accountId: "210987654321", accountName: "dev-sandbox" };

describe("parseRoleFilter", () => {
  it("a bare glob matches the account name, the account id or the role name, whole and case-insensitive", () => {
    const f = parseRoleFilter(["prod-*"]);
    expect(f.accepts(prod, "ReadOnly")).toBe(true);
    expect(f.accepts(dev, "ReadOnly")).toBe(false);
    expect(parseRoleFilter(["1234*"]).accepts(prod, "x")).toBe(true);
    expect(parseRoleFilter(["*admin*"]).accepts(dev, "AdministratorAccess")).toBe(true);
    expect(parseRoleFilter(["prod"]).accepts(prod, "x")).toBe(false); // a glob is the whole value
    expect(parseRoleFilter(["Prod-Pa?ments"]).accepts(prod, "x")).toBe(true);
    // A bare pattern could match a role, so it does not rule out an account before its roles are listed.
    expect(parseRoleFilter(["*admin*"]).acceptsAccount(dev)).toBe(true);
  });

  it("/regex/flags searches; account= and role= narrow to one field; same field ORs, different fields AND", () => {
    expect(parseRoleFilter(["/pay/i"]).accepts(prod, "x")).toBe(true);
    expect(parseRoleFilter(["/^pay/"]).accepts(prod, "x")).toBe(false);
    const f = parseRoleFilter(["account=prod-*", "account=dev-*", "role=Read*"]);
    expect(f.accepts(prod, "ReadOnlyAccess")).toBe(true);
    expect(f.accepts(dev, "ReadOnlyAccess")).toBe(true);
    expect(f.accepts(dev, "AdministratorAccess")).toBe(false);
    expect(f.acceptsAccount({ accountId: "1", accountName: "staging" })).toBe(false);
    expect(parseRoleFilter(["role=prod-*"]).accepts(prod, "Admin")).toBe(false);
    expect(parseRoleFilter(["account=123456789012"]).accepts(prod, "Admin")).toBe(true);
  });

  it("a regex is never stateful (a /g flag would make test() skip every other value)", () => {
    const f = parseRoleFilter(["/prod/gi"]);
    expect([1, 2, 3].map(() => f.accepts(prod, "x"))).toEqual([true, true, true]);
  });

  it("regex metacharacters in a glob are literal", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => !/[*?]/.test(s) && !/^(account|role)=/.test(s) && !/^\/.*\/[a-z]*$/s.test(s)), (name) => {
        const f = parseRoleFilter([name]);
        expect(f.accepts({ accountId: "1", accountName: name }, "r")).toBe(true);
        // Only the whole value matches (case-insensitively, and the id "1" or role "r" may match instead).
        expect(f.accepts({ accountId: "1", accountName: name + "x" }, "r")).toBe(["r", "1"].includes(name.toLowerCase()));
      }),
    );
  });

  it("an empty pattern or a broken regex is a ConfigError with an example", () => {
    expect(() => parseRoleFilter(["role="])).toThrow(ConfigError);
    const e = (() => {
      try {
        parseRoleFilter(["/(unclosed/"]);
      } catch (err) {
        return err as ConfigError;
      }
    })();
    expect(e).toBeInstanceOf(ConfigError);
    expect(e!.message).toContain('--filter "/(unclosed/" is not a valid regular expression');
    expect(e!.fix).toBe("sso populate --filter '/^prod-/i'");
  });

  it("the fix line's example is of the command given: sso list is never told to run sso populate", () => {
    for (const spec of ["role=", "/(unclosed/", ""]) {
      try {
        parseRoleFilter([spec], "sso list");
        expect.unreachable(spec);
      } catch (e) {
        expect((e as ConfigError).fix, spec).toMatch(/^sso list --filter '/);
      }
    }
  });
});
