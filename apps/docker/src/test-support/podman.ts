import { execFileSync } from "node:child_process";
import { access, constants } from "node:fs/promises";
import { accessSync } from "node:fs";

/** Every podman call on this machine: runc, and cgroupfs because no systemd runs here (environment.md). */
export const PODMAN = ["--runtime", "runc", "--cgroup-manager=cgroupfs"];

/** Why the image test cannot run here, or undefined when it can: podman working, root, and a static tini for the local base. */
export function podmanUnavailable(): string | undefined {
  try {
    execFileSync("podman", [...PODMAN, "version", "--format", "{{.Client.Version}}"], { stdio: "pipe", timeout: 30_000 });
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT"
      ? "podman is not installed (apt-get install -y podman runc)"
      : `podman does not work here: ${String((e as { stderr?: Buffer }).stderr ?? e).split("\n")[0]}`;
  }
  if (process.getuid?.() !== 0) return "not root: the test runs podman as root, as CI does";
  try {
    accessSync("/usr/bin/tini-static", constants.X_OK);
  } catch {
    return "/usr/bin/tini-static is missing (apt-get install -y tini): the local base image needs it";
  }
  return undefined;
}

export const exists = (path: string) => access(path).then(() => true, () => false);
