import { sha1Hex } from "../hash/sha1Hex.js";

/** Input of botocore's SSOCredentialFetcher._create_cache_key: sessionName for sso-session profiles, else startUrl. */
export type SsoCredentialsCacheKeyInput =
  | { accountId: string; roleName: string; sessionName: string; startUrl?: undefined }
  | { accountId: string; roleName: string; startUrl: string; sessionName?: undefined };

/** ~/.aws/cli/cache/<key>.json: sha1(json.dumps(args, sort_keys=True, separators=(",", ":"))). */
export function ssoCredentialsCacheKey(input: SsoCredentialsCacheKeyInput): string {
  const args: Record<string, string> = { accountId: input.accountId, roleName: input.roleName };
  if (input.sessionName !== undefined) args.sessionName = input.sessionName;
  else args.startUrl = input.startUrl;
  const body = Object.keys(args)
    .sort()
    .map((k) => `${pyString(k)}:${pyString(args[k]!)}`)
    .join(",");
  return sha1Hex(`{${body}}`);
}

// Python's json.dumps escapes everything outside printable ASCII (ensure_ascii=True).
function pyString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}
