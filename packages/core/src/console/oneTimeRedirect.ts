import { nodeCrypto } from "../hash/nodeCrypto.js";

export interface OneTimeRedirect {
  /** http://127.0.0.1:PORT/<random>: what the browser is given instead of the secret URL. */
  url: string;
  /** True once a browser fetched it (and got the redirect); false when `timeoutMs` passed first. */
  served: Promise<boolean>;
  close(): void;
}

/**
 * A loopback URL that answers exactly one request with a redirect to `target`, then stops listening. A console
 * sign-in URL signs in whoever opens it for 15 minutes; handing the browser this instead keeps it out of process
 * arguments (which every local user can read) and makes what is there useless once the browser has used it.
 */
export async function oneTimeRedirect(target: string, options: { timeoutMs?: number } = {}): Promise<OneTimeRedirect> {
  const path = `/${nodeCrypto().randomBytes(18).toString("base64url")}`;
  let settle!: (served: boolean) => void;
  const served = new Promise<boolean>((resolve) => (settle = resolve));
  const server = process.getBuiltinModule("node:http").createServer((req, res) => {
    if (req.url !== path) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found\n");
      return;
    }
    res.writeHead(302, { location: target, "cache-control": "no-store", "referrer-policy": "no-referrer" }).end();
    finish(true);
  });
  const finish = (ok: boolean) => {
    clearTimeout(timer);
    server.close();
    server.closeIdleConnections();
    settle(ok);
  };
  const timer = setTimeout(() => finish(false), options.timeoutMs ?? 60_000);
  timer.unref();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}${path}`, served, close: () => finish(false) };
}
