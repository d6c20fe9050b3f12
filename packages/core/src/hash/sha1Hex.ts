import { sha1 } from "@noble/hashes/legacy.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * Hex SHA-1 of a string's UTF-8 bytes, as botocore's cache keys use. Pure JS on purpose: loading node:crypto costs
 * a credential_process invocation ~7 ms on a cache hit (a quarter of Node's own start-up), and the keys are tiny.
 */
export function sha1Hex(text: string): string {
  return bytesToHex(sha1(utf8ToBytes(text)));
}
