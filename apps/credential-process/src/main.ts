// sso-credential-process: credential_process for IAM Identity Center profiles (the program is shim.ts).
import { runShim } from "./shim.js";

await runShim(process.argv.slice(2));
