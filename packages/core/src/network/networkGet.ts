import type { CoreDeps } from "../deps.js";
import { networkHandler, type NetworkOptions } from "./awsClientConfig.js";

/**
 * GET a URL through the same routing and trust as the SDK clients (proxy, NO_PROXY, CA bundle): the federation
 * endpoint is an AWS call like the others. Resolves with the status and body text; network failures reject with the
 * handler's error (describeNetworkFailure explains it).
 */
export async function networkGet(deps: Pick<CoreDeps, "env" | "fs">, url: string, options: NetworkOptions & { timeoutMs?: number } = {}): Promise<{ status: number; body: string }> {
  const handler = await networkHandler(deps, options);
  try {
    const u = new URL(url);
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of u.searchParams) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    const { response } = await handler.handle(
      {
        method: "GET",
        protocol: u.protocol,
        hostname: u.hostname,
        ...(u.port ? { port: Number(u.port) } : {}),
        path: u.pathname,
        query,
        headers: { host: u.host, accept: "application/json" },
      } as never,
      { requestTimeout: options.timeoutMs ?? 15_000 },
    );
    const chunks: Buffer[] = [];
    for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(chunk);
    return { status: response.statusCode, body: Buffer.concat(chunks).toString("utf8") };
  } finally {
    handler.destroy();
  }
}
