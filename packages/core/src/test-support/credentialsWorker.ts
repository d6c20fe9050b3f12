// A child process for the concurrency and hot-path tests: `node --import ./tsHooks.mjs credentialsWorker.ts '<json>'`.
// Prints one JSON line: the credentials (or the error) and which @aws-sdk packages it loaded.
import { registerHooks } from "node:module";
import type { SsoProfile } from "../types.js";

const loaded = new Set<string>();
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith("@aws-sdk/")) loaded.add(specifier);
    return nextResolve(specifier, context);
  },
});

interface Job {
  op: "getRoleCredentials" | "readCachedRoleCredentials" | "resolveCredentials";
  profileName?: string;
  profile?: SsoProfile;
  ssoEndpoint?: string;
  oidcEndpoint?: string;
  /** Wait until this epoch ms before starting, so all workers hit the cache at once. */
  startAt?: number;
}

const job = JSON.parse(process.argv[2] ?? "{}") as Job;
const { defaultDeps } = await import("../deps.js");
const deps = defaultDeps();
if (job.startAt) await new Promise((r) => setTimeout(r, Math.max(0, job.startAt! - Date.now())));
try {
  let result: unknown;
  if (job.op === "readCachedRoleCredentials") {
    const { readCachedRoleCredentials } = await import("../credentials/readCachedRoleCredentials.js");
    result = await readCachedRoleCredentials(deps, job.profile!);
  } else if (job.op === "resolveCredentials") {
    const { resolveCredentials } = await import("../provider/resolveCredentials.js");
    result = await resolveCredentials(deps, { profile: job.profileName });
  } else {
    const { getRoleCredentials } = await import("../credentials/getRoleCredentials.js");
    result = await getRoleCredentials(deps, job.profile!, { ssoEndpoint: job.ssoEndpoint, oidcEndpoint: job.oidcEndpoint });
  }
  process.stdout.write(JSON.stringify({ ok: true, result, sdk: [...loaded] }) + "\n");
} catch (e) {
  const err = e as { name?: string; code?: string; message?: string };
  process.stdout.write(JSON.stringify({ ok: false, error: { name: err.name, code: err.code, message: err.message }, sdk: [...loaded] }) + "\n");
  process.exitCode = 1;
}
