import {
  applySsoConfig,
  ConfigError,
  defaultSsoSessionName,
  listAccountsAndRoles,
  planProfiles,
  resolveEndpoint,
  shellQuote,
  SsoCredsError,
  tildePath,
  validateRegion,
  validateSectionName,
  validateStartUrl,
  writeProfiles,
  writeSsoConfig,
  type CoreDeps,
  type SharedConfig,
  type SsoAccountWithRoles,
  type SsoSession,
} from "@sso-creds/core";
import { runLoginFlow } from "../loginFlow.js";
import { ask, canPrompt, confirm, pick } from "./prompts.js";

/** Regions where IAM Identity Center runs, offered by the region question (any other valid name can be typed). */
const SSO_REGIONS = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1", "sa-east-1", "mx-central-1",
  "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
  "ap-southeast-4", "ap-southeast-5", "ap-south-1", "ap-south-2", "ap-east-1", "me-south-1", "me-central-1",
  "il-central-1", "af-south-1", "us-gov-west-1", "us-gov-east-1", "cn-north-1", "cn-northwest-1",
] as const;

export interface SessionAnswers {
  startUrl?: string | undefined;
  ssoRegion?: string | undefined;
  ssoSession?: string | undefined;
  useDeviceCode?: boolean | undefined;
  noBrowser?: boolean | undefined;
}

export interface ConfigureAnswers extends SessionAnswers {
  accountId?: string | undefined;
  roleName?: string | undefined;
  profileName?: string | undefined;
  region?: string | undefined;
  populate?: boolean | undefined;
}

/** A value from its flag, else asked at a terminal, else the one-line error naming the flag. */
async function answer(
  given: string | undefined,
  flag: string,
  validate: (v: string) => string | undefined,
  askIt: () => Promise<string>,
  usage: string,
  refused: { fix: string; code: string } = { fix: usage, code: "UsageError" },
): Promise<string> {
  if (given !== undefined) {
    const bad = validate(given);
    if (bad) throw refused.code === "UsageError" ? new SsoCredsError(`--${flag}: ${bad}`, refused) : new ConfigError(`--${flag}: ${bad}`, refused);
    return given;
  }
  if (!canPrompt()) throw new SsoCredsError(`Not at a terminal, so --${flag} is needed.`, { code: "UsageError", fix: usage });
  return askIt();
}

const asPrompt = (check: (v: string) => string | undefined) => (v: string) => check(v) ?? true;

/**
 * The sso-session part of configure (and of `sso populate --sso-start-url`): start URL, SSO region and a name, then a
 * login. An existing [sso-session] with the same start URL and region is reused (one login serves both); nothing
 * is written to the config here.
 */
export async function configureSession(deps: CoreDeps, config: SharedConfig, text: string, given: SessionAnswers, usage: string): Promise<SsoSession> {
  const startUrl = await answer(given.startUrl, "sso-start-url", validateStartUrl, () => ask("SSO start URL", { validate: asPrompt(validateStartUrl) }), usage);
  const ssoRegion = await answer(given.ssoRegion, "sso-region", validateRegion, () => pickRegion("SSO region"), usage);
  const existing = Object.entries(config.ssoSessions).find(([, s]) => String(s.sso_start_url ?? "").replace(/\/+$/, "") === startUrl.replace(/\/+$/, "") && s.sso_region === ssoRegion)?.[0];
  const sessionFree = (name: string) => {
    const bad = validateSectionName(name, "sso-session");
    if (bad) return bad;
    try {
      applySsoConfig(text, { session: { name, startUrl, region: ssoRegion } }, tildePath(deps, config.configFile));
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };
  let name = given.ssoSession;
  if (name !== undefined) {
    const bad = sessionFree(name);
    if (bad) throw new ConfigError(bad, { code: "SsoSessionExists", fix: "choose another name with --sso-session NAME, or leave it out to reuse or name one from the start URL" });
  } else if (existing) name = existing;
  else if (canPrompt()) name = await ask("sso-session name", { default: freeName(defaultSsoSessionName(startUrl), sessionFree), validate: asPrompt(sessionFree) });
  else name = freeName(defaultSsoSessionName(startUrl), sessionFree);
  const session: SsoSession = { name, startUrl, region: ssoRegion, registrationScopes: ["sso:account:access"] };
  const result = await runLoginFlow(deps, session, {
    label: `sso-session ${name}`,
    useDeviceCode: given.useDeviceCode,
    noBrowser: given.noBrowser,
    oidcEndpoint: resolveEndpoint(deps, config, "sso_oidc", undefined),
  });
  // At a terminal, between the questions; in a script the result says enough.
  if (canPrompt()) process.stderr.write(result.reused ? `Reusing the valid token of sso-session ${name}.\n` : `Logged in to sso-session ${name}.\n`);
  return session;
}

/** `name`, or `name-2`, `name-3`… where `name` is taken by a different sso-session. */
function freeName(name: string, isFree: (n: string) => string | undefined): string {
  if (!isFree(name)) return name;
  for (let i = 2; i < 100; i++) if (!isFree(`${name}-${i}`)) return `${name}-${i}`;
  return name;
}

async function pickRegion(message: string, defaultRegion?: string): Promise<string> {
  const regions: string[] = defaultRegion ? [defaultRegion, ...SSO_REGIONS.filter((r) => r !== defaultRegion)] : [...SSO_REGIONS];
  // A valid region name that is not in the list (a new region) can be typed in full and picked.
  return pick(message, regions.map((r) => ({ value: r, name: r })), { pageSize: 8, extra: (term) => (validateRegion(term) === undefined && !regions.includes(term) ? [{ value: term, name: term }] : []) });
}

/** Every question of `sso configure`; what a flag answers is not asked. Writes only at the end. */
export async function configure(deps: CoreDeps, config: SharedConfig, text: string, given: ConfigureAnswers, usage: string): Promise<string[]> {
  const session = await configureSession(deps, config, text, given, usage);
  const endpoints = { ssoEndpoint: resolveEndpoint(deps, config, "sso", undefined), oidcEndpoint: resolveEndpoint(deps, config, "sso_oidc", undefined) };
  const accounts = await listAccountsAndRoles(deps, session, endpoints);
  const pairs = accounts.flatMap((a) => a.roles.map((roleName) => ({ account: a, roleName })));
  if (pairs.length === 0) throw new ConfigError(`sso-session ${session.name} can use no account or role: ask your administrator for an assignment.`, { code: "NoAccounts" });

  const matching = pairs.filter((p) => (given.accountId === undefined || p.account.accountId === given.accountId) && (given.roleName === undefined || p.roleName === given.roleName));
  if (matching.length === 0) {
    const what = [given.accountId && `account ${given.accountId}`, given.roleName && `role ${given.roleName}`].filter(Boolean).join(" with ");
    throw new ConfigError(`sso-session ${session.name} has no ${what}; it has ${describePairs(pairs)}.`, {
      code: "RoleNotFound",
      fix: `${usage} --account-id ${pairs[0]!.account.accountId} --role-name ${shellQuote(pairs[0]!.roleName)}`,
    });
  }
  let chosen = matching[0]!;
  if (matching.length > 1) {
    if (!canPrompt()) {
      throw new SsoCredsError(`Not at a terminal, so --account-id and --role-name are needed; sso-session ${session.name} has ${describePairs(matching)}.`, {
        code: "UsageError",
        fix: `${usage} --account-id ${matching[0]!.account.accountId} --role-name ${shellQuote(matching[0]!.roleName)}`,
      });
    }
    const width = Math.max(...matching.map((p) => label(p.account).length));
    chosen = await pick(
      `Account and role (${matching.length}; type to filter)`,
      matching.map((p) => ({ value: p, name: `${label(p.account).padEnd(width)}  ${p.roleName}`, short: `${label(p.account)} ${p.roleName}` })),
    );
  }

  const [planned] = planProfiles([{ accountId: chosen.account.accountId, accountName: chosen.account.accountName, roleName: chosen.roleName }], { ssoSession: session });
  const file = tildePath(deps, config.configFile);
  // Not at a terminal, the profile's region and name default to the SSO region and populate's name.
  const region =
    given.region === undefined && !canPrompt() ? session.region : await answer(given.region, "region", validateRegion, () => pickRegion("Default region of the profile", session.region), usage);
  const sections = (profileName: string) => ({
    session: { name: session.name!, startUrl: session.startUrl, region: session.region },
    profile: { name: profileName, accountId: chosen.account.accountId, roleName: chosen.roleName, accountName: chosen.account.accountName, region },
  });
  const profileFree = (name: string) => {
    try {
      applySsoConfig(text, sections(name), file);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };
  const profileName =
    given.profileName === undefined && !canPrompt()
      ? planned!.profileName
      : await answer(given.profileName, "profile-name", profileFree, () => ask("Profile name", { default: planned!.profileName, validate: asPrompt(profileFree) }), usage, {
          fix: "choose another name with --profile-name NAME",
          code: "ProfileExists",
        });
  const populate = given.populate ?? (canPrompt() && pairs.length > 1 ? await confirm(`Also write a profile for each of the ${pairs.length} roles (as sso populate does)?`, false) : false);

  // Everything asked: now, and only now, the config file changes.
  const written = await writeSsoConfig(deps, config.configFile, sections(profileName));
  const out: string[] = [];
  const what = [written.session !== "unchanged" ? `[sso-session ${session.name}]` : "", written.profile !== "unchanged" ? `[profile ${profileName}]` : ""].filter(Boolean);
  out.push(what.length ? `Wrote ${what.join(" and ")} to ${file}.` : `${file} already has [sso-session ${session.name}] and [profile ${profileName}]; nothing changed.`);
  if (populate) out.push(await populateAll(deps, config.configFile, session, accounts, region));
  out.push(`Try it: sso exec --profile ${shellQuote(profileName)} -- aws sts get-caller-identity`);
  return out;
}

/** What `sso populate --sso-session NAME --region R` would write, written now. */
export async function populateAll(deps: CoreDeps, configFile: string, session: SsoSession, accounts: SsoAccountWithRoles[], region: string | undefined): Promise<string> {
  const roles = accounts.flatMap((a) => a.roles.map((roleName) => ({ accountId: a.accountId, accountName: a.accountName, roleName })));
  const plan = planProfiles(roles, { ssoSession: session, region });
  const s = await writeProfiles(deps, configFile, plan);
  return `Populated ${tildePath(deps, configFile)}: added ${s.added.length}, updated ${s.updated.length}, unchanged ${s.unchanged.length}, conflicts ${s.conflicts.length} (${plan.length} roles in ${accounts.length} accounts).`;
}

function label(a: SsoAccountWithRoles): string {
  return a.accountName && a.accountName !== a.accountId ? `${a.accountName} (${a.accountId})` : a.accountId;
}

function describePairs(pairs: Array<{ account: SsoAccountWithRoles; roleName: string }>): string {
  const shown = pairs.slice(0, 6).map((p) => `${p.account.accountId}/${p.roleName}`);
  return `${pairs.length} role${pairs.length === 1 ? "" : "s"}: ${shown.join(", ")}${pairs.length > 6 ? ` and ${pairs.length - 6} more` : ""}`;
}
