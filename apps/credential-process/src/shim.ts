// sso-credential-process: credential_process for IAM Identity Center profiles.
// The hot path (cached credentials) loads no AWS SDK module; misses, refreshes and errors go through core.
// Builtins come from process.getBuiltinModule, not ESM imports: `import ... from "node:util"` evaluates every lazy
// export of the module (worker_threads, diff, colors...), and util.parseArgs alone costs a hit ~0.8 ms of module
// compilation, so the few flags are parsed here.
// main.ts runs it as the bin; the standalone `sso` binary runs it as `sso credential-process`.
import { formatUserLine } from "@sso-creds/core";
import { credentialProcess } from "./credentialProcess.js";

const usage = `Usage: sso-credential-process --profile NAME
       sso-credential-process --sso-session NAME --account-id ID --role-name ROLE

Prints AWS credential_process JSON for an IAM Identity Center profile, from the AWS CLI's
cache (~/.aws/cli/cache) when fresh, else fetched with the cached SSO token (refreshed if needed).
In ~/.aws/config:  credential_process = sso-credential-process --profile dev-sso`;

interface Args {
  profile?: string;
  "sso-session"?: string;
  "account-id"?: string;
  "role-name"?: string;
  debug?: boolean;
  help?: boolean;
}

/** The whole program: parses argv (the arguments after the program name), answers, and exits. */
export async function runShim(argv: string[]): Promise<never> {
  let args: Args;
  try {
    args = parseArgv(argv);
  } catch (e) {
    // One line, as credential_process callers show stderr verbatim; the usage is one --help away.
    writeAll(2, `${formatUserLine({ program: "sso-credential-process", message: `${(e as Error).message}.`, fix: "sso-credential-process --help" })}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }

  const result = await credentialProcess({
    profile: args.profile,
    ssoSession: args["sso-session"],
    accountId: args["account-id"],
    roleName: args["role-name"],
    debug: args.debug ?? false,
  });
  // Straight to the file descriptors: process.stdout would load the whole streams stack for one short write.
  writeAll(1, result.stdout);
  writeAll(2, result.stderr);
  // The answer is written (synchronously): leave now, not when a timer the SDK left armed (a request or socket timeout) fires.
  process.exit(result.exitCode);
}


function writeAll(fd: number, text: string): void {
  const fs = process.getBuiltinModule("node:fs");
  let buf = Buffer.from(text, "utf8");
  while (buf.length > 0) {
    try {
      buf = buf.subarray(fs.writeSync(fd, buf));
    } catch (e) {
      // A non-blocking pipe that is full: wait for the reader rather than drop output.
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

/** `--name value`, `--name=value`, `--debug`, `-h`/`--help`; anything else is an error (as util.parseArgs strict mode). */
function parseArgv(argv: string[]): Args {
  const out: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h" || arg === "--help") out.help = true;
    else if (arg === "--debug") out.debug = true;
    else {
      const m = /^--(profile|sso-session|account-id|role-name)(?:=(.*))?$/s.exec(arg);
      if (!m) throw new Error(arg.startsWith("-") ? `Unknown option '${arg}'` : `Unexpected argument '${arg}'`);
      const value = m[2] ?? argv[++i];
      if (value === undefined || (m[2] === undefined && value.startsWith("--"))) throw new Error(`Option '--${m[1]}' needs a value`);
      out[m[1] as "profile" | "sso-session" | "account-id" | "role-name"] = value;
    }
  }
  return out;
}
