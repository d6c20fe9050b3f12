import { ConfigError } from "../errors.js";

/** Which accounts and roles `sso list` / `sso populate` keep. */
export interface RoleFilter {
  /** True when some role of this account could pass: false saves the account's ListAccountRoles call. */
  acceptsAccount(account: { accountId: string; accountName?: string | undefined }): boolean;
  accepts(account: { accountId: string; accountName?: string | undefined }, roleName: string): boolean;
}

type Field = "account" | "role" | "any";

/**
 * Parse `--filter` values: `[account=|role=]PATTERN`. PATTERN is a glob (`*`, `?`; whole value, case-insensitive) or
 * `/regex/flags` (searched anywhere, as regexes are). `account=` matches the account name or its 12-digit id,
 * `role=` the role name, a bare pattern any of the three. Values for the same field are alternatives; different
 * fields must all match: `--filter 'account=prod-*' --filter 'account=staging-*' --filter role=Admin*`.
 * `command` ("sso list", "sso populate") begins the example in the fix line of a bad value.
 */
export function parseRoleFilter(specs: readonly string[], command = "sso populate"): RoleFilter {
  const groups = new Map<Field, RegExp[]>();
  for (const spec of specs) {
    const m = /^(account|role)=(.*)$/s.exec(spec);
    const field: Field = m ? (m[1] as Field) : "any";
    const pattern = m ? m[2]! : spec;
    if (pattern === "") throw new ConfigError(`--filter "${spec}" has an empty pattern.`, { fix: `${command} --filter '${m ? m[1] + "=" : ""}Prod*'` });
    groups.set(field, [...(groups.get(field) ?? []), toRegExp(pattern, spec, command)]);
  }
  const any = (res: RegExp[] | undefined, values: string[]) => !res || res.some((re) => values.some((v) => re.test(v)));
  const accountValues = (a: { accountId: string; accountName?: string | undefined }) => [a.accountId, a.accountName ?? ""];
  return {
    acceptsAccount: (a) => any(groups.get("account"), accountValues(a)),
    accepts: (a, role) => any(groups.get("account"), accountValues(a)) && any(groups.get("role"), [role]) && any(groups.get("any"), [...accountValues(a), role]),
  };
}

function toRegExp(pattern: string, spec: string, command: string): RegExp {
  const re = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (re) {
    try {
      // No "g" or "y": test() on a global regex keeps state between values.
      return new RegExp(re[1]!, re[2]!.replace(/[gy]/g, ""));
    } catch (e) {
      throw new ConfigError(`--filter "${spec}" is not a valid regular expression (${(e as Error).message}).`, { fix: `${command} --filter '/^prod-/i'` });
    }
  }
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "is");
}
