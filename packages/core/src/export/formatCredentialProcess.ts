import type { RoleCredentials } from "../types.js";

// botocore: ProcessProvider; JS SDK: credential-provider-process fromProcess
/**
 * The credential_process JSON exactly as `aws configure export-credentials --format process`
 * prints it: Python's json.dumps(indent=2) key order and an isoformat() UTC expiration (facts §3.5).
 */
export function formatCredentialProcess(creds: RoleCredentials): string {
  const body = {
    Version: 1,
    AccessKeyId: creds.accessKeyId,
    SecretAccessKey: creds.secretAccessKey,
    SessionToken: creds.sessionToken,
    Expiration: pythonIsoformatUtc(creds.expiration),
  };
  return JSON.stringify(body, null, 2);
}

/** datetime.isoformat() of an aware UTC datetime: `2026-11-22T22:48:43+00:00`, microseconds only when non-zero. */
function pythonIsoformatUtc(epochMs: number): string {
  const iso = new Date(epochMs).toISOString(); // 2026-11-22T22:48:43.000Z
  const seconds = iso.slice(0, 19);
  const ms = epochMs - Math.floor(epochMs / 1000) * 1000;
  return ms === 0 ? `${seconds}+00:00` : `${seconds}.${String(ms * 1000).padStart(6, "0")}+00:00`;
}
