import { sha1Hex } from "../hash/sha1Hex.js";
import { pythonJsonDumpsSorted } from "./pythonJsonDumpsSorted.js";

/** The AssumeRole call as botocore builds it (only the configured parameters are present). */
export interface AssumeRoleCacheKeyInput {
  RoleArn: string;
  RoleSessionName?: string;
  ExternalId?: string;
  SerialNumber?: string;
  DurationSeconds?: number | string;
  /** The policy document as JSON text; parsed first so its keys are sorted, as botocore does. */
  Policy?: string;
}

/**
 * ~/.aws/cli/cache/<key>.json for assume-role profiles: botocore's BaseAssumeRoleCredentialFetcher._create_cache_key,
 * sha1(json.dumps(args, sort_keys=True)) with default separators. `roleSessionNameGenerated`: botocore drops an
 * auto-generated `botocore-session-<unix>` name so the key survives restarts.
 */
export function assumeRoleCacheKey(args: AssumeRoleCacheKeyInput, options: { roleSessionNameGenerated?: boolean } = {}): string {
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined) input[k] = v;
  if (options.roleSessionNameGenerated) delete input.RoleSessionName;
  // botocore converts duration_seconds to int before the call.
  if (input.DurationSeconds !== undefined) input.DurationSeconds = Math.trunc(Number(input.DurationSeconds));
  if (typeof input.Policy === "string") input.Policy = JSON.parse(input.Policy);
  // _make_file_safe replaces ':' and path separators: a no-op on a hex digest, kept for parity.
  return sha1Hex(pythonJsonDumpsSorted(input)).replace(/[:/\\]/g, "_");
}
