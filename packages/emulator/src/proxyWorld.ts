import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "./startEmulator.js";
import type { Emulator } from "./types.js";

/** The real host names AWS CLI v2 and the SDKs call by default in us-east-1 (a certificate for them, hosts files). */
export const AWS_HOSTS = ["portal.sso.us-east-1.amazonaws.com", "oidc.us-east-1.amazonaws.com", "sts.us-east-1.amazonaws.com", "sts.amazonaws.com"];

/** A throwaway CA (ca.pem) and a server certificate for `hosts` (default AWS_HOSTS) signed by it (server.pem, server.key) in `dir`. */
export function makeCertificates(dir: string, hosts: string[] = AWS_HOSTS, ips: string[] = []): void {
  const ext = join(dir, "server.ext");
  const steps: string[][] = [
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=sso-creds interop test CA",
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
    ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", `/CN=${hosts[0]}`],
    ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", ext],
  ];
  writeFileSync(
    ext,
    `subjectAltName=${[...hosts.map((h) => `DNS:${h}`), ...ips.map((ip) => `IP:${ip}`)].join(",")}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`,
  );
  for (const args of steps) {
    const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr.trim().split("\n")[0]}`);
  }
}

/**
 * A corporate network in a box: the emulator serving TLS under a throwaway CA on a random loopback address, port 443,
 * and real tinyproxy processes (Debian's) on loopback inside a private mount namespace whose /etc/hosts maps the AWS
 * host names to the emulator. A client outside that namespace cannot resolve the AWS names at all (no DNS on these
 * machines): only through a proxy does it reach "AWS". `hostsFile` lets a client (or AWS CLI v2) in a namespace of
 * its own resolve them directly, to test NO_PROXY.
 */
export interface ProxyWorld {
  emu: Emulator;
  /** PEM of the CA that signed the emulator's certificate. */
  caFile: string;
  /** PEM of another CA, which did not: a "wrong" AWS_CA_BUNDLE. */
  otherCaFile: string;
  hostsFile: string;
  dir: string;
  /** An open proxy: http://127.0.0.1:PORT. */
  proxy: TinyProxy;
  /** A proxy that wants Basic credentials (user alice, password PROXY_PASSWORD). */
  authProxy: TinyProxy;
  /**
   * A TLS-speaking proxy (https://127.0.0.1:PORT): Debian's stunnel terminating TLS in front of `proxy`, with a
   * certificate (for 127.0.0.1 and localhost) signed by a CA of its own (`proxyCaFile`), not the emulator's.
   * Undefined when stunnel is not installed.
   */
  tlsProxy: TinyProxy | undefined;
  /** PEM of the CA that signed the TLS proxy's certificate (the user's proxy_ca_bundle). */
  proxyCaFile: string;
  /** Like tlsProxy, but it wants a client certificate signed by the proxy CA (mutual TLS). */
  mtlsProxy: TinyProxy | undefined;
  /** PEM with a client certificate (signed by the proxy CA) and its key: the user's proxy_client_cert. */
  proxyClientCertFile: string;
  close(): Promise<void>;
}

export const PROXY_USER = "alice";
/** tinyproxy takes letters and digits only in BasicAuth; percent-encoding is tested with %-escaped letters. */
export const PROXY_PASSWORD = "Zq7PxSecretPw42";

export interface TinyProxy {
  url: string;
  port: number;
  /** The CONNECT targets (host:port) the proxy's log shows so far, in order. */
  connects(): Promise<string[]>;
  /** Forget what the log showed so far (connects() then reports only new lines). */
  mark(): Promise<void>;
}

export function stunnelUnavailable(): string | undefined {
  if (spawnSync("sh", ["-c", "command -v stunnel4"]).status !== 0) return "stunnel4 is not installed (apt-get install -y stunnel4; ./dev test installs it)";
  return tinyproxyUnavailable();
}

export function tinyproxyUnavailable(): string | undefined {
  if (spawnSync("sh", ["-c", "command -v tinyproxy"]).status !== 0) return "tinyproxy is not installed (apt-get install -y tinyproxy; ./dev test installs it)";
  if (process.getuid?.() !== 0) return "not root: the proxy runs in a private mount namespace (unshare -m)";
  return undefined;
}

export async function startProxyWorld(): Promise<ProxyWorld> {
  const dir = await mkdtemp(join(tmpdir(), "sso-proxy-"));
  const children: ChildProcess[] = [];
  let emu: Emulator | undefined;
  try {
    makeCertificates(dir);
    const other = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other-ca.pem", "-days", "2", "-subj", "/CN=some other CA"], { cwd: dir });
    if (other.status !== 0) throw new Error("openssl failed to make the second CA");
    // A random 127.x.y.z: port 443 there is free even while another suite holds 127.0.0.1:443.
    const ip = `127.${1 + rand(250)}.${1 + rand(250)}.${2 + rand(250)}`;
    emu = await startEmulator({ host: ip, port: 443, autoApprove: true, tls: { cert: join(dir, "server.pem"), key: join(dir, "server.key") } });
    const hostsFile = join(dir, "hosts");
    await writeFile(hostsFile, `127.0.0.1 localhost\n${ip} ${AWS_HOSTS.join(" ")}\n::1 localhost\n`);
    const proxy = await startTinyproxy(dir, "open", hostsFile, children);
    const authProxy = await startTinyproxy(dir, "auth", hostsFile, children, `BasicAuth ${PROXY_USER} ${PROXY_PASSWORD}\n`);
    const proxyDir = join(dir, "proxy-ca");
    await mkdir(proxyDir);
    makeCertificates(proxyDir, ["localhost"], ["127.0.0.1"]);
    const clientCert = makeClientCertificate(proxyDir);
    const stunnel = spawnSync("sh", ["-c", "command -v stunnel4"]).status === 0;
    const tlsProxy = stunnel ? await startStunnel(dir, "tls", proxyDir, proxy, children) : undefined;
    const mtlsProxy = stunnel ? await startStunnel(dir, "mtls", proxyDir, proxy, children, `verifyChain = yes\nrequireCert = yes\nCAfile = ${join(proxyDir, "ca.pem")}\n`) : undefined;
    const started = emu;
    return {
      emu: started,
      caFile: join(dir, "ca.pem"),
      otherCaFile: join(dir, "other-ca.pem"),
      hostsFile,
      dir,
      proxy,
      authProxy,
      tlsProxy,
      proxyCaFile: join(proxyDir, "ca.pem"),
      mtlsProxy,
      proxyClientCertFile: clientCert,
      close: async () => {
        for (const c of children) c.kill("SIGKILL");
        await started.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    for (const c of children) c.kill("SIGKILL");
    await emu?.close();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

async function startTinyproxy(dir: string, name: string, hostsFile: string, children: ChildProcess[], extra = ""): Promise<TinyProxy> {
  const port = await freePort();
  const log = join(dir, `${name}.log`);
  const conf = join(dir, `${name}.conf`);
  await writeFile(conf, `Port ${port}\nListen 127.0.0.1\nTimeout 30\nMaxClients 50\nConnectPort 443\nLogLevel Connect\nLogFile "${log}"\n${extra}`);
  const script = 'mount --bind "$0" /etc/hosts && exec tinyproxy -d -c "$1"';
  await startListening("tinyproxy", ["unshare", "-m", "--propagation", "private", "--", "/bin/sh", "-c", script, hostsFile, conf], port, children);
  let seen = 0;
  const lines = async () => (existsSync(log) ? (await readFile(log, "utf8")).split("\n") : []);
  const targets = (all: string[]) => all.flatMap((l) => /Request \(file descriptor \d+\): CONNECT (\S+) /.exec(l)?.[1] ?? []);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects: async () => targets((await lines()).slice(seen)),
    mark: async () => {
      seen = (await lines()).length;
    },
  };
}

/** A client certificate signed by the CA in `dir` (ca.pem, ca.key), with its key in one PEM file (client.pem); returns its path. */
function makeClientCertificate(dir: string): string {
  writeFileSync(join(dir, "client.ext"), "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n");
  const steps: string[][] = [
    ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=sso-creds proxy user"],
    ["x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "client.crt", "-days", "2", "-extfile", "client.ext"],
  ];
  for (const args of steps) {
    const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr.trim().split("\n")[0]}`);
  }
  const file = join(dir, "client.pem");
  writeFileSync(file, readFileSync(join(dir, "client.crt"), "utf8") + readFileSync(join(dir, "client.key"), "utf8"), { mode: 0o600 });
  return file;
}

/** stunnel (Debian's stunnel4) accepting TLS on a random loopback port and passing the plain stream to `upstream`. */
async function startStunnel(dir: string, name: string, certDir: string, upstream: TinyProxy, children: ChildProcess[], extra = ""): Promise<TinyProxy> {
  const port = await freePort();
  const conf = join(dir, `${name}-stunnel.conf`);
  await writeFile(
    conf,
    `foreground = yes\npid =\noutput = ${join(dir, `${name}-stunnel.log`)}\n[proxy]\naccept = 127.0.0.1:${port}\nconnect = 127.0.0.1:${upstream.port}\n` +
      `cert = ${join(certDir, "server.pem")}\nkey = ${join(certDir, "server.key")}\n${extra}`,
  );
  await startListening("stunnel", ["stunnel4", conf], port, children);
  return { ...upstream, url: `https://127.0.0.1:${port}`, port };
}

/** Starts a daemon (added to `children`) and waits up to 5 s for it to listen on `port`; its stderr if it exits first. */
async function startListening(name: string, argv: string[], port: number, children: ChildProcess[]): Promise<void> {
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${stderr.trim()}`);
    if (await canConnect(port)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function rand(n: number): number {
  return Math.floor(Math.random() * n);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = process.getBuiltinModule("node:net").connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}
