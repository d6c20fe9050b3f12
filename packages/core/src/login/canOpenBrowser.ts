import { existsSync } from "node:fs";

/**
 * Whether a browser on this machine can reach our 127.0.0.1 callback: not over SSH, not in CI or a container,
 * and on Linux only with a display. Where it cannot, login uses the device flow.
 */
export function canOpenBrowser(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
  fileExists: (path: string) => boolean = existsSync,
): boolean {
  if (env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT) return false;
  if (env.CI && env.CI !== "false" && env.CI !== "0") return false;
  if (env.container || env.CODESPACES || env.REMOTE_CONTAINERS || env.KUBERNETES_SERVICE_HOST) return false;
  if (platform === "linux" || platform === "freebsd" || platform === "openbsd") {
    if (fileExists("/.dockerenv") || fileExists("/run/.containerenv")) return false;
    // WSL opens the Windows browser through wslview/explorer.exe, without a DISPLAY.
    if (env.WSL_DISTRO_NAME) return true;
    return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  }
  return true;
}
