import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AWS_HOSTS, makeCertificates, startEmulator, type Emulator } from "@sso-creds/emulator";
import { requirePeers } from "./requirePeers.js";

/** The real hostnames the peers call by default; inside the namespace they resolve to the emulator. */
export { AWS_HOSTS };

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


async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (e: NodeJS.ErrnoException) =>
      reject(new Error(`127.0.0.1:${port} is not free (${e.code}): another interop run or HTTPS server holds it; the suite needs it for AWS CLI v2`)),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}
