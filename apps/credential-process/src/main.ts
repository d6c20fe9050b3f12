// sso-credential-process: credential_process for IAM Identity Center profiles.
// The hot path (cached credentials) loads no AWS SDK module; misses, refreshes and errors go through core.
import { parseArgs } from "node:util";
import { credentialProcess } from "./credentialProcess.js";

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
process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
