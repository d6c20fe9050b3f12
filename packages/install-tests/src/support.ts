import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The workspace's bins, by the command name a user types. */
export const bins = {
  sso: join(root, "apps/cli/bin/run.js"),
  "sso-credential-process": join(root, "apps/credential-process/bin/sso-credential-process"),
  "sso-emulator": join(root, "packages/emulator/bin/sso-emulator"),
};
