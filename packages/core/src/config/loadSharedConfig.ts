import { join } from "node:path";
import type { CoreDeps } from "../deps.js";
import { ConfigError } from "../errors.js";
import { tildePath } from "../util/tildePath.js";
import { unreadableFileError } from "../fs/unreadableFileError.js";
import { IniSyntaxError, parseAwsIni, type IniSections, type IniValue } from "./parseAwsIni.js";
import { shlexSplit } from "./shlexSplit.js";

/** One section: lower-cased keys to a value, or to a nested block (`s3 =` + indented lines). */
export type ConfigSection = Record<string, IniValue>;
export type Section = ConfigSection;
export type ProfileSection = ConfigSection;

/** ~/.aws/config merged with ~/.aws/credentials, as botocore's Session.full_config sees them. */
export interface SharedConfig {
  /** Profile name → settings; credentials-file sections override same-named config profiles key by key. */
  profiles: Record<string, ConfigSection>;
  /** `[sso-session NAME]` sections. */
  ssoSessions: Record<string, ConfigSection>;
  /** `[services NAME]` sections (per-service endpoint_url blocks). */
  services: Record<string, ConfigSection>;
  configFile: string;
  credentialsFile: string;
}

/** The config file path: AWS_CONFIG_FILE (with $VAR and ~ expanded, as botocore does) or ~/.aws/config. */
export function configFilePath(deps: Pick<CoreDeps, "env" | "homedir">): string {
  return expandHome(deps, deps.env.AWS_CONFIG_FILE) ?? join(deps.homedir(), ".aws", "config");
}

export function credentialsFilePath(deps: Pick<CoreDeps, "env" | "homedir">): string {
  return expandHome(deps, deps.env.AWS_SHARED_CREDENTIALS_FILE) ?? join(deps.homedir(), ".aws", "credentials");
}

// botocore: configloader.multi_file_load_config, configloader.build_profile_map; JS SDK: shared-ini-file-loader loadSharedConfigFiles
/** Read both files (a missing file is an empty one); a file that cannot be read or parsed is a ConfigError naming it. */
export async function loadSharedConfig(deps: CoreDeps): Promise<SharedConfig> {
  const configFile = configFilePath(deps);
  const credentialsFile = credentialsFilePath(deps);
  return buildSharedConfig(await readIni(deps, configFile), await readIni(deps, credentialsFile), configFile, credentialsFile);
}

/** Both files' parsed sections as botocore's Session.full_config combines them. */
export function buildSharedConfig(configSections: IniSections, credentialsSections: IniSections, configFile: string, credentialsFile: string): SharedConfig {
  const out: SharedConfig = { profiles: Object.create(null), ssoSessions: Object.create(null), services: Object.create(null), configFile, credentialsFile };

  // botocore's configloader.build_profile_map: a header that starts with "profile", "sso-session" or "services" is
  // shlex-split and kept only when that gives exactly two words, the second being the name ([profiles dev] is
  // profile dev, [ profile dev] and [sso-session my sso] are nothing, [profile dev ] is dev again and the later
  // section wins); [default] is the default profile; every other section is ignored.
  for (const [name, section] of configSections) {
    const kind = name.startsWith("profile") ? out.profiles : name.startsWith("sso-session") ? out.ssoSessions : name.startsWith("services") ? out.services : undefined;
    if (kind) {
      const words = shlexSplit(name);
      if (words?.length === 2) kind[words[1]!] = section;
    } else if (name === "default") out.profiles.default = section;
  }
  // Session.full_config: credentials-file sections (names as written, no "profile " prefix) add to or update profiles.
  for (const [name, section] of credentialsSections) {
    out.profiles[name] = Object.assign(Object.create(null) as ConfigSection, out.profiles[name], section);
  }
  return out;
}

async function readIni(deps: CoreDeps, path: string): Promise<IniSections> {
  let text: string;
  try {
    text = await deps.fs.readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return new Map();
    throw await unreadableFileError(deps, path, e);
  }
  // NUL bytes or undecodable UTF-8: not an INI file (botocore fails to decode it too).
  if (text.includes("\u0000") || text.includes("\uFFFD")) {
    throw new ConfigError(`${tildePath(deps, path)} is not a text file (binary or not UTF-8).`, {
      code: "ConfigSyntax",
      fix: `restore ${path} from a backup or rewrite it as INI text`,
    });
  }
  try {
    return parseAwsIni(text);
  } catch (e) {
    if (e instanceof IniSyntaxError) {
      throw new ConfigError(`${tildePath(deps, path)} ${e.line > 0 ? `line ${e.line}` : ""}: ${e.reason}.`, {
        code: "ConfigSyntax",
        fix: `edit line ${e.line} of ${path}`,
      });
    }
    throw e;
  }
}

function expandHome(deps: Pick<CoreDeps, "homedir" | "env">, p: string | undefined): string | undefined {
  if (!p) return undefined;
  // botocore: os.path.expanduser(os.path.expandvars(p)); unknown variables stay as written.
  const expanded = p.replace(/\$(?:(\w+)|\{([^}]*)\})/g, (m: string, a?: string, b?: string) => deps.env[(a ?? b)!] ?? m);
  return expanded === "~" ? deps.homedir() : expanded.startsWith("~/") ? join(deps.homedir(), expanded.slice(2)) : expanded;
}
