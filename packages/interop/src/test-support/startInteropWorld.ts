import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "@sso-creds/emulator";
import { requirePeers } from "./requirePeers.js";

/** The real hostnames the peers call by default; inside the namespace they resolve to the emulator. */
export const AWS_HOSTS = ["portal.sso.us-east-1.amazonaws.com", "oidc.us-east-1.amazonaws.com", "sts.us-east-1.amazonaws.com", "sts.amazonaws.com"];

export interface InteropWorld {
  emu: Emulator;
  /** PEM of the throwaway CA that signed the emulator's certificate. */
  caFile: string;
  /** /etc/hosts for the private mount namespace: AWS_HOSTS → 127.0.0.1. */
  hostsFile: string;
  python: string;
  dir: string;
  close(): Promise<void>;
}

/**
 * A per-run CA and server certificate (openssl), a hosts file, and the emulator serving TLS on 127.0.0.1:443 with
 * auto-approval: AWS CLI v2 2.9.19 has no endpoint override, so every peer reaches it under the real hostnames.
 */
export async function startInteropWorld(options: { accessTokenTtlSeconds?: number; roleCredentialTtlSeconds?: number } = {}): Promise<InteropWorld> {
  const { python } = requirePeers();
  const dir = await mkdtemp(join(tmpdir(), "sso-interop-"));
  try {
    makeCertificates(dir);
    const hostsFile = join(dir, "hosts");
    await writeFile(hostsFile, `127.0.0.1 localhost ${AWS_HOSTS.join(" ")}\n::1 localhost\n`);
    await assertPortFree(443);
    const emu = await startEmulator({
      port: 443,
      autoApprove: true,
      tls: { cert: join(dir, "server.pem"), key: join(dir, "server.key") },
      ...options,
    });
    return {
      emu,
      caFile: join(dir, "ca.pem"),
      hostsFile,
      python,
      dir,
      close: async () => {
        await emu.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

/** A throwaway CA (ca.pem) and a server certificate for AWS_HOSTS signed by it (server.pem, server.key) in `dir`. */
export function makeCertificates(dir: string): void {
  const ext = join(dir, "server.ext");
  const steps: string[][] = [
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=sso-creds interop test CA",
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
    ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", `/CN=${AWS_HOSTS[0]}`],
    ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", ext],
  ];
  writeFileSync(
    ext,
    `subjectAltName=${AWS_HOSTS.map((h) => `DNS:${h}`).join(",")}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`,
  );
  for (const args of steps) {
    const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr.trim().split("\n")[0]}`);
  }
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (e: NodeJS.ErrnoException) =>
      reject(new Error(`127.0.0.1:${port} is not free (${e.code}): another interop run or HTTPS server holds it; the suite needs it for AWS CLI v2`)),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}
