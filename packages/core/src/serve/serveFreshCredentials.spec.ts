import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import type { RoleCredentials } from "../types.js";
import { serveFreshCredentials } from "./serveFreshCredentials.js";

const creds = (n: number, ms: number): RoleCredentials => ({ accessKeyId: `ASIA${n}`, secretAccessKey: "s", sessionToken: "t", expiration: Date.now() + ms, accountId: "111111111111" });

describe("serveFreshCredentials", () => {
  it("fetches first, serves renewed credentials, and close() stops the server and the renewal", async () => {
    let calls = 0;
    const server = await serveFreshCredentials({ fetch: async () => creds(++calls, 600) });
    expect(server.initial.accessKeyId).toBe("ASIA1");
    const get = async () => (await (await fetch(server.url, { headers: { Authorization: server.authToken } })).json()) as { AccessKeyId: string };
    expect((await get()).AccessKeyId).toBe("ASIA1");
    await new Promise((r) => setTimeout(r, 700));
    expect((await get()).AccessKeyId).not.toBe("ASIA1");
    await server.close();
    const after = calls;
    await new Promise((r) => setTimeout(r, 700));
    expect(calls).toBe(after);
    await expect(fetch(server.url)).rejects.toThrow();
  });

  it("a failed first fetch starts nothing; a port in use is thrown as it is and stops the renewal", async () => {
    await expect(serveFreshCredentials({ fetch: async () => Promise.reject(new Error("no token")) })).rejects.toThrow("no token");
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, "127.0.0.1", r));
    let calls = 0;
    try {
      const port = (busy.address() as AddressInfo).port;
      await expect(serveFreshCredentials({ fetch: async () => creds(++calls, 400), port })).rejects.toMatchObject({ code: "EADDRINUSE" });
      await new Promise((r) => setTimeout(r, 600));
      expect(calls).toBe(1);
    } finally {
      busy.close();
    }
  });
});
