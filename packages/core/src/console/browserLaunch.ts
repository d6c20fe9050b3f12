import { ConfigError } from "../errors.js";

export type BrowserKind = "chromium" | "firefox" | "other";

export interface BrowserChoice {
  /** A browser name (chrome, chromium, edge, brave, firefox) or the path or command of one. */
  browser?: string | undefined;
  /** Chrome/Chromium/Edge/Brave `--profile-directory`, Firefox `-P`. */
  browserProfile?: string | undefined;
  /** Open in this Firefox container (the "Open external links in a container" add-on's ext+container: URL). */
  firefoxContainer?: string | undefined;
}

export interface BrowserLaunch {
  command: string;
  /** The arguments, the URL last. */
  args: string[];
  kind: BrowserKind;
}

/** Executables to look for, per browser name, in order (Linux package names; a path works everywhere). */
const BROWSERS: Record<string, string[]> = {
  chrome: ["google-chrome", "google-chrome-stable", "chrome"],
  chromium: ["chromium", "chromium-browser"],
  edge: ["microsoft-edge", "microsoft-edge-stable", "msedge"],
  brave: ["brave-browser", "brave"],
  firefox: ["firefox", "firefox-esr"],
};

export const BROWSER_NAMES: readonly string[] = Object.keys(BROWSERS);

/**
 * How to open `url` in the browser the user chose: undefined when no choice was made (the system's default browser,
 * through `open`). `which` finds a command on PATH. Errors say which option is wrong and what works.
 */
export function browserLaunch(url: string, choice: BrowserChoice, which: (command: string) => string | undefined): BrowserLaunch | undefined {
  const { browserProfile, firefoxContainer } = choice;
  const browser = choice.browser || (firefoxContainer !== undefined ? "firefox" : undefined);
  if (browser === undefined) {
    if (browserProfile !== undefined) {
      throw new ConfigError("A browser profile needs a browser to open it in.", {
        code: "BrowserProfileWithoutBrowser",
        fix: `add --browser (${BROWSER_NAMES.join(", ")} or a path), or sso_creds_browser = chrome to the profile in ~/.aws/config`,
      });
    }
    return undefined;
  }
  const candidates = BROWSERS[browser.toLowerCase()];
  const command = candidates ? candidates.map(which).find((c) => c !== undefined) : browser.includes("/") ? browser : which(browser);
  if (command === undefined) {
    throw new ConfigError(`Browser "${browser}" was not found${candidates ? ` (looked for ${candidates.join(", ")} on PATH)` : " on PATH"}.`, {
      code: "BrowserNotFound",
      fix: "give the browser's path: --browser /path/to/browser",
    });
  }
  const kind = kindOf(candidates ? browser : command);
  const args: string[] = [];
  if (browserProfile !== undefined) {
    if (kind === "chromium") args.push(`--profile-directory=${browserProfile}`);
    else if (kind === "firefox") args.push("-P", browserProfile);
    else {
      throw new ConfigError(`Cannot tell how to choose a profile in "${browser}": browser profiles work with Chrome, Chromium, Edge, Brave and Firefox.`, {
        code: "BrowserProfileUnsupported",
        fix: "drop --browser-profile, or give one of those browsers",
      });
    }
  }
  if (firefoxContainer !== undefined) {
    if (kind !== "firefox") {
      throw new ConfigError(`Firefox containers need Firefox; "${browser}" is not.`, { code: "ContainerNeedsFirefox", fix: "use --browser firefox (or drop --firefox-container)" });
    }
    args.push(`ext+container:name=${encodeURIComponent(firefoxContainer)}&url=${encodeURIComponent(url)}`);
  } else args.push(url);
  return { command, args, kind };
}

function kindOf(nameOrPath: string): BrowserKind {
  const base = nameOrPath.split(/[/\\]/).pop()!.toLowerCase();
  if (base.includes("firefox") || base.includes("librewolf") || base.includes("waterfox")) return "firefox";
  if (/chrom|edge|brave|vivaldi|opera/.test(base)) return "chromium";
  return "other";
}
