import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APP_DIR } from "./test-support/processes.js";

// The podman test builds with a local base image; these pin what the published build uses.
describe("Dockerfile", async () => {
  const text = await readFile(join(APP_DIR, "Dockerfile"), "utf8");
  const instructions = text
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((l) => l.trim() && !l.trim().startsWith("#"));

  it("defaults to the official Node 24 slim image, for both stages", () => {
    expect(instructions[0]).toBe("ARG BASE_IMAGE=node:24-slim");
    expect(instructions.filter((l) => l.startsWith("FROM "))).toEqual(["FROM ${BASE_IMAGE} AS init", "FROM ${BASE_IMAGE}"]);
  });

  it("runs tini as PID 1 and the entry point under it, as a numeric non-root user", () => {
    const entrypoint = instructions.find((l) => l.startsWith("ENTRYPOINT "))!;
    expect(JSON.parse(entrypoint.slice("ENTRYPOINT ".length))).toEqual(["/usr/local/bin/tini", "--", "node", "/opt/sso-creds/entrypoint.mjs"]);
    const user = instructions.filter((l) => l.startsWith("USER ")).at(-1)!;
    expect(user).toMatch(/^USER [1-9]\d*:[1-9]\d*$/);
  });

  it("copies only the bundles into the final stage", async () => {
    const final = instructions.slice(instructions.lastIndexOf("FROM ${BASE_IMAGE}"));
    expect(final.filter((l) => l.startsWith("COPY ") || l.startsWith("ADD ") || l.startsWith("RUN "))).toEqual([
      "COPY --from=init /tini /usr/local/bin/tini",
      "COPY dist/entrypoint.mjs /opt/sso-creds/entrypoint.mjs",
      "COPY dist/sso-whoami.mjs /usr/local/bin/sso-whoami",
    ]);
    expect(await readFile(join(APP_DIR, ".dockerignore"), "utf8")).toBe("*\n!dist/entrypoint.mjs\n!dist/sso-whoami.mjs\n");
  });
});
