import { existsSync } from "node:fs";
import type { LoginFlow } from "./registerClient.js";

/**
 * Why a browser on this machine cannot reach our 127.0.0.1 callback, or undefined when it can: over SSH, in CI or a
 * container, and on Linux without a display. Said as the user can check it (`SSH_CONNECTION is set`).
 */
export function browserUnavailableReason(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
  fileExists: (path: string) => boolean = existsSync,
): string | undefined {
  const ssh = ["SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"].find((n) => env[n]);
  if (ssh) return `an SSH session (${ssh} is set)`;
  if (env.CI && env.CI !== "false" && env.CI !== "0") return "a CI job (CI is set)";
  const container = ["container", "CODESPACES", "REMOTE_CONTAINERS", "KUBERNETES_SERVICE_HOST"].find((n) => env[n]);
  if (container) return `a container (${container} is set)`;
  if (platform === "linux" || platform === "freebsd" || platform === "openbsd") {
    const marker = ["/.dockerenv", "/run/.containerenv"].find((p) => fileExists(p));
    if (marker) return `a container (${marker} exists)`;
    // WSL opens the Windows browser through wslview/explorer.exe, without a DISPLAY.
    if (env.WSL_DISTRO_NAME) return undefined;
    if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return "no display (DISPLAY and WAYLAND_DISPLAY are unset)";
  }
  return undefined;
}

/** Whether a browser on this machine can reach our 127.0.0.1 callback (browserUnavailableReason says why not). */
export function canOpenBrowser(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
  fileExists: (path: string) => boolean = existsSync,
): boolean {
  return browserUnavailableReason(env, platform, fileExists) === undefined;
}

export interface LoginFlowChoice {
  flow: LoginFlow;
  /** Open the URL in a browser here (else only print it). */
  openBrowser: boolean;
  /** One sentence: the flow chosen, why, and the flag that picks the other one. */
  reason: string;
}

/**
 * The login flow for `--use-device-code` / `--no-browser` and this machine: the device code when asked, or when no
 * browser here can reach the loopback callback; PKCE otherwise (--no-browser keeps PKCE and prints the URL, for a
 * browser on this machine that we cannot start ourselves). A legacy profile (no sso-session) always uses the device
 * code, as in the AWS CLI (login() enforces it).
 */
export function chooseLoginFlow(
  options: { useDeviceCode?: boolean | undefined; noBrowser?: boolean | undefined; legacy?: boolean | undefined },
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
  fileExists: (path: string) => boolean = existsSync,
): LoginFlowChoice {
  const unavailable = browserUnavailableReason(env, platform, fileExists);
  const openBrowser = !options.noBrowser && unavailable === undefined;
  if (options.legacy) {
    return { flow: "device", openBrowser, reason: "A legacy SSO profile (sso_start_url, no sso_session) logs in with the device code, as the AWS CLI does; an [sso-session] allows PKCE." };
  }
  if (options.useDeviceCode) {
    return { flow: "device", openBrowser, reason: "Using the device code (--use-device-code): confirm the code on any device." };
  }
  if (options.noBrowser) {
    return { flow: "pkce", openBrowser: false, reason: "Printing a PKCE login URL to open in a browser on this machine (--no-browser); --use-device-code confirms a code on any device instead." };
  }
  if (unavailable) {
    const what = unavailable.charAt(0).toUpperCase() + unavailable.slice(1);
    return { flow: "device", openBrowser: false, reason: `${what}: using the device code; --no-browser prints a PKCE URL instead.` };
  }
  return { flow: "pkce", openBrowser: true, reason: "Using the browser on this machine (PKCE); --use-device-code confirms a code on any device instead." };
}
