// sso-credential-process: credential_process for IAM Identity Center profiles.
// The hot path (cached credentials) loads no AWS SDK module; misses, refreshes and errors go through core.
// Builtins come from process.getBuiltinModule: an ESM `import from "node:util"` evaluates every lazy export of
// the module (worker_threads, diff, colors...), which costs a cache hit several milliseconds.
import { credentialProcess } from "./credentialProcess.js";

const { parseArgs } = process.getBuiltinModule("node:util");

const usage = `Usage: sso-credential-process --profile NAME
       sso-credential-process --sso-session NAME --account-id ID --role-name ROLE

Prints AWS credential_process JSON for an IAM Identity Center profile, from the AWS CLI's
cache (~/.aws/cli/cache) when fresh, else fetched with the cached SSO token (refreshed if needed).
In ~/.aws/config:  credential_process = sso-credential-process --profile dev-sso`;

let args;
try {
  args = parseArgs({
    options: {
      profile: { type: "string" },
      "sso-session": { type: "string" },
      "account-id": { type: "string" },
      "role-name": { type: "string" },
      debug: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  }).values;
} catch (e) {
  process.stderr.write(`sso-credential-process: ${(e as Error).message}\n${usage}\n`);
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
process.exitCode = result.exitCode;

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
