// sso-credential-process: credential_process for IAM Identity Center profiles.
// The hot path (cached credentials) loads no AWS SDK module; misses, refreshes and errors go through core.
// Builtins come from process.getBuiltinModule, not ESM imports: `import ... from "node:util"` evaluates every lazy
// export of the module (worker_threads, diff, colors...), and util.parseArgs alone costs a hit ~0.8 ms of module
// compilation, so the few flags are parsed by core's parseFlags (shared with the sso CLI's fast path).
// main.ts runs it as the bin; the standalone `sso` binary runs it as `sso credential-process`.
import { formatUserLine, parseFlags, writeAll, type FlagSpec } from "@sso-creds/core";
import { credentialProcess } from "./credentialProcess.js";

const usage = `Usage: sso-credential-process --profile NAME
       sso-credential-process --sso-session NAME --account-id ID --role-name ROLE

Prints AWS credential_process JSON for an IAM Identity Center profile, from the AWS CLI's
cache (~/.aws/cli/cache) when fresh, else fetched with the cached SSO token (refreshed if needed).
In ~/.aws/config:  credential_process = sso-credential-process --profile dev-sso`;

const FLAGS: FlagSpec = {
  profile: { type: "string" },
  "sso-session": { type: "string" },
  "account-id": { type: "string" },
  "role-name": { type: "string" },
  debug: { type: "boolean" },
  help: { type: "boolean", char: "h" },
};

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


/** `--name value`, `--name=value`, `--debug`, `-h`/`--help`; anything else is an error (as util.parseArgs strict mode). */
function parseArgv(argv: string[]): Args {
  return parseFlags(argv, FLAGS).flags as Args;
}
