import { sha1Hex } from "../hash/sha1Hex.js";
import { pythonJsonDumps } from "../fs/pythonJsonDumps.js";
import { pythonJsonLoads } from "./pythonJsonLoads.js";

/** The AssumeRole call as botocore builds it (only the configured parameters are present; "" is present). */
export interface AssumeRoleCacheKeyInput {
  RoleArn: string;
  RoleSessionName?: string | undefined;
  ExternalId?: string | undefined;
  SerialNumber?: string | undefined;
  /** An integer (botocore's int(duration_seconds)); a bigint for one beyond 2^53. */
  DurationSeconds?: number | bigint | undefined;
  /** The policy document as JSON text; parsed with Python's json.loads rules first so its keys are sorted. */
  Policy?: string | undefined;
}

/**
 * ~/.aws/cli/cache/<key>.json for assume-role profiles: botocore's BaseAssumeRoleCredentialFetcher._create_cache_key,
 * sha1(json.dumps(args, sort_keys=True)) with default separators. An empty or missing RoleSessionName is one
 * botocore generates (`botocore-session-<unix>`) and leaves out of the key so the key survives restarts;
 * `roleSessionNameGenerated` says the given one was generated. Empty ExternalId or SerialNumber stay in the key.
 */
export function assumeRoleCacheKey(args: AssumeRoleCacheKeyInput, options: { roleSessionNameGenerated?: boolean } = {}): string {
  const input = new Map<string, unknown>();
  for (const [k, v] of Object.entries(args)) if (v !== undefined) input.set(k, v);
  if (options.roleSessionNameGenerated || !args.RoleSessionName) input.delete("RoleSessionName");
  if (typeof args.DurationSeconds === "number" && !Number.isInteger(args.DurationSeconds)) {
    throw new TypeError(`DurationSeconds must be an integer (botocore passes int(duration_seconds)), not ${args.DurationSeconds}`);
  }
  if (typeof args.Policy === "string") input.set("Policy", pythonJsonLoads(args.Policy));
  // _make_file_safe replaces ':' and path separators: a no-op on a hex digest, kept for parity.
  return sha1Hex(pythonJsonDumps(input, { sortKeys: true })).replace(/[:/\\]/g, "_");
}
