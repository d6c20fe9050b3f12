import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20261123/us-east-1/sts/aws4_request, SignedHeaders=a;b, Signature=hex` */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const m = /^AWS4-HMAC-SHA256\s+Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_-]+),\s*Signature=([0-9a-f]{64})$/.exec(header?.trim() ?? "");
  if (!m) return undefined;
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]!, signedHeaders: m[5]!.split(";"), signature: m[6]! };
}

/** `20261123T030405Z` → Date, or undefined. */
export function parseAmzDate(s: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s ?? "");
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

/**
 * Recomputes the signature with the secret the emulator issued, over exactly the headers the client signed
 * (the SDK's own signer, so canonicalisation is AWS's), and compares it with the one sent.
 */
export async function signatureMatches(
  req: IncomingMessage,
  body: string,
  auth: ParsedAuthorization,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://placeholder");
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = req.headers[name];
    if (value === undefined) return false;
    headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  const signingDate = parseAmzDate(headers["x-amz-date"]);
  if (!signingDate) return false;
  // The signer trusts a sent x-amz-content-sha256 as the payload hash: it must be the hash of the body received.
  const payloadHash = req.headers["x-amz-content-sha256"];
  if (payloadHash !== undefined && payloadHash !== createHash("sha256").update(body, "utf8").digest("hex")) return false;
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  // The token is only part of the signature if the client signed it; the check of its value is the caller's.
  const signer = new SignatureV4({
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, ...(auth.signedHeaders.includes("x-amz-security-token") ? { sessionToken: credentials.sessionToken } : {}) },
    region: auth.region,
    service: auth.service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    { method: req.method ?? "GET", protocol: "http:", hostname: "placeholder", path: url.pathname, query, headers, body },
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? signed.headers.Authorization ?? ""))?.[1];
  return expected === auth.signature;
}
