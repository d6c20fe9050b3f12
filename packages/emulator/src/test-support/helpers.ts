import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SSOClient } from "@aws-sdk/client-sso";
import { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import { STSClient } from "@aws-sdk/client-sts";
import type { Emulator } from "../types.js";

export const REGION = "us-east-1";

/** Real SDK clients pointed at the emulator; retries off unless asked, so a test sees each answer. */
export function clients(emu: Emulator, maxAttempts = 1) {
  const base = { region: REGION, endpoint: emu.url, maxAttempts };
  return { sso: new SSOClient(base), oidc: new SSOOIDCClient(base) };
}

export function stsClient(emu: Emulator, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, maxAttempts = 1): STSClient {
  return new STSClient({ region: REGION, endpoint: emu.url, maxAttempts, credentials });
}

/** A clock the test moves by hand; starts at the real time so SigV4 dates stay within STS's skew. `freeze` stops it. */
export function manualClock() {
  let offset = 0;
  let frozenAt: number | undefined;
  return {
    now: () => (frozenAt ?? Date.now()) + offset,
    advance: (ms: number) => void (offset += ms),
    set: (ms: number) => void (offset = ms),
    freeze: () => void (frozenAt = Date.now()),
    thaw: () => void (frozenAt = undefined),
  };
}

/** The rejection of a promise (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to fail, it succeeded");
}

/**
 * Runs one python3 (boto3) script asynchronously (the emulator serves from this same process, so never a sync spawn)
 * and returns the JSON its last stdout line holds.
 */
export function runPython<T = Record<string, unknown>>(script: string, env: Record<string, string>, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      "python3",
      ["-c", script],
      { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", ...env }, timeout: timeoutMs, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`python3 failed: ${error.message}\n${stderr}`));
        const last = stdout.trim().split("\n").pop() ?? "";
        try {
          resolve(JSON.parse(last) as T);
        } catch {
          reject(new Error(`python3 printed no JSON: ${stdout}\n${stderr}`));
        }
      },
    );
  });
}

/** Endpoint overrides for botocore (facts §6.5): never the global AWS_ENDPOINT_URL. */
export function endpointEnv(emu: Emulator): Record<string, string> {
  return { AWS_ENDPOINT_URL_SSO: emu.url, AWS_ENDPOINT_URL_SSO_OIDC: emu.url, AWS_ENDPOINT_URL_STS: emu.url, AWS_DEFAULT_REGION: REGION };
}

export async function tempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A plain HTTP call to the emulator (for what no SDK sends: malformed bodies, unknown routes, test hooks). */
export async function raw(emu: Emulator, path: string, init: RequestInit = {}): Promise<{ status: number; type: string | null; headers: Response["headers"]; text: string }> {
  const res = await fetch(`${emu.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, type: res.headers.get("x-amzn-errortype"), headers: res.headers, text };
}
