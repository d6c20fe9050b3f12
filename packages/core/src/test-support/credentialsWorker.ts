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
  op: "getRoleCredentials" | "readCachedRoleCredentials" | "resolveCredentials" | "writeConfigRounds";
  /** writeConfigRounds: this writer's name and kind, and how many writes it makes. */
  writer?: { name: string; kind: "populate" | "profileFiles"; rounds: number };
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
  } else if (job.op === "writeConfigRounds") {
    result = await writeConfigRounds(job.writer!);
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

/** `rounds` writes to ~/.aws/config (and credentials) as `sso populate --prefix` or `sso env --write-credentials` make them. */
async function writeConfigRounds(w: NonNullable<Job["writer"]>): Promise<string[]> {
  const written: string[] = [];
  const { configFilePath } = await import("../config/loadSharedConfig.js");
  for (let round = 0; round < w.rounds; round++) {
    const name = `${w.name}.r${round}`;
    if (w.kind === "populate") {
      const { planProfiles } = await import("../populate/planProfiles.js");
      const { writeProfiles } = await import("../populate/writeProfiles.js");
      const roles = Array.from({ length: 7 }, (_, i) => ({ accountId: `11111111111${i}`, accountName: `Account${i}`, roleName: "Admin" }));
      const plan = planProfiles(roles, { ssoSession: "my-sso", prefix: `${name}.` });
      const summary = await writeProfiles(deps, configFilePath(deps), plan);
      written.push(...summary.added);
    } else {
      const { writeProfileFiles } = await import("../profile-files/profileFiles.js");
      const creds = { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "x", sessionToken: "y", accountId: "111111111111", expiration: Date.now() + 3600_000 };
      await writeProfileFiles(deps, name, creds, { marker: "# written by a test", region: "eu-west-1" });
      written.push(name);
    }
  }
  return written;
}
