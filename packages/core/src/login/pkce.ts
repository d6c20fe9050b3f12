import { createHash, randomInt } from "node:crypto";

const VERIFIER_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

/** A PKCE pair as the AWS CLI makes it: 64 unreserved characters, S256 challenge as 43-char unpadded base64url. */
export function createPkcePair(): { codeVerifier: string; codeChallenge: string } {
  let codeVerifier = "";
  for (let i = 0; i < 64; i++) codeVerifier += VERIFIER_CHARS[randomInt(VERIFIER_CHARS.length)];
  return { codeVerifier, codeChallenge: codeChallengeFor(codeVerifier) };
}

export function codeChallengeFor(codeVerifier: string): string {
  return createHash("sha256").update(codeVerifier, "ascii").digest("base64url");
}
