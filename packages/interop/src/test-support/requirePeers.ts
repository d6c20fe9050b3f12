import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const AWS_CLI_V2 = "/usr/bin/aws";

/**
 * The real peers and the means to reach them must be on the machine; a missing one fails the suite (never a skip)
 * with the command that installs it. Returns the python3 that has botocore (pyenv shims need the caller's HOME).
 */
export function requirePeers(): { python: string } {
  const problems: string[] = [];
  if (!existsSync(AWS_CLI_V2)) problems.push(`AWS CLI v2 is not installed at ${AWS_CLI_V2}`);
  else {
    const v = spawnSync(AWS_CLI_V2, ["--version"], { encoding: "utf8" });
    if (!/^aws-cli\/2\./.test(`${v.stdout}${v.stderr}`)) problems.push(`${AWS_CLI_V2} is not AWS CLI v2 (${(v.stdout || v.stderr || String(v.error)).trim()})`);
  }
  for (const tool of ["openssl", "unshare", "mount"]) {
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) problems.push(`${tool} is not installed`);
  }
  // A private mount namespace (for /etc/hosts) and port 443 both need root.
  if (process.getuid?.() !== 0) problems.push("the suite must run as root (unshare -m and port 443)");
  const py = spawnSync("python3", ["-c", "import sys, botocore, boto3; print(sys.executable)"], { encoding: "utf8" });
  if (py.status !== 0) problems.push("python3 with boto3/botocore is not available");
  if (problems.length > 0) throw new Error(`Interop peers missing: ${problems.join("; ")}. Run ./dev test, which installs awscli and openssl from Debian's archive.`);
  return { python: py.stdout.trim() };
}
