// @sso-creds/core as a program of either module system meets it: the packed tarball (what the registry serves)
// unpacked into a scratch project, then `import` and `require` on Node 22 and 24, the AWS SDK v3 provider from both
// against the emulator, and the types checked by tsc under nodenext (an .mts and a .cts file), bundler and commonjs.
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bins, emulatorConfig, nodes, ok, root, run, runAsync, startEmulatorBin } from "./support.js";

const scratch = mkdtempSync(join(tmpdir(), "sso-dual-"));
const coreDir = join(root, "packages/core");
let emulator: Awaited<ReturnType<typeof startEmulatorBin>> | undefined;
const home = join(scratch, "home");
const tsc = join(root, "node_modules/typescript/bin/tsc");

/** A dependency of the workspace's core, linked into the scratch project as an installed package would sit there. */
function linkFrom(fromDir: string, name: string, into: string) {
  mkdirSync(join(into, name, ".."), { recursive: true });
  symlinkSync(realpathSync(join(fromDir, "node_modules", name)), join(into, name));
}

beforeAll(async () => {
  // The tarball a release publishes, unpacked where npm would put it; its own dependencies are the workspace's.
  const packed = ok(run("pnpm", ["pack", "--pack-destination", scratch], { cwd: coreDir, env: { ...process.env, PATH: `${join(root, ".tools/node_modules/.bin")}:${process.env.PATH}` } }), "pnpm pack");
  const tarball = packed.trim().split("\n").pop()!.trim();
  const nm = join(scratch, "app/node_modules");
  mkdirSync(join(nm, "@sso-creds/core"), { recursive: true });
  ok(run("tar", ["xzf", tarball, "-C", join(nm, "@sso-creds/core"), "--strip-components=1"], { env: process.env }), "tar");
  const coreDeps = join(nm, "@sso-creds/core/node_modules");
  for (const scope of ["@aws-sdk", "@smithy"]) for (const name of readdirSync(join(coreDir, "node_modules", scope))) linkFrom(coreDir, `${scope}/${name}`, coreDeps);
  linkFrom(coreDir, "ini", coreDeps);
  // The program's own: the STS client it calls, Node's types for tsc.
  linkFrom(join(root, "apps/cli"), "@aws-sdk/client-sts", nm);
  linkFrom(root, "@types/node", nm);
  linkFrom(coreDir, "@smithy/types", nm); // where npm hoists core's dependency; the programs name its provider type
  writeFileSync(join(scratch, "app/package.json"), JSON.stringify({ name: "app", private: true }));

  emulator = await startEmulatorBin(process.execPath, [bins["sso-emulator"]], process.env);
  mkdirSync(join(home, ".aws"), { recursive: true, mode: 0o700 });
  writeFileSync(join(home, ".aws/config"), emulatorConfig(emulator), { mode: 0o600 });
  ok(run(process.execPath, [bins.sso, "login", "--profile", "demo", "--use-device-code", "--no-browser"], { env: awsEnv() }), "sso login");
}, 120_000);

afterAll(() => {
  emulator?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function awsEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_CONFIG_FILE: join(home, ".aws/config"),
    AWS_ENDPOINT_URL_SSO: emulator!.url,
    AWS_ENDPOINT_URL_SSO_OIDC: emulator!.url,
    AWS_ENDPOINT_URL_STS: emulator!.url,
  };
}

const programs = {
  "require (CommonJS)": {
    file: "provider.cjs",
    text: `const core = require("@sso-creds/core");
const { STSClient, GetCallerIdentityCommand } = require("@aws-sdk/client-sts");
if (typeof core.fromSsoCache !== "function" || typeof core.SsoCredsError !== "function") throw new Error("exports missing");
new STSClient({ region: "us-east-1", credentials: core.fromSsoCache({ profile: "demo" }) })
  .send(new GetCallerIdentityCommand({}))
  .then((r) => console.log(JSON.stringify({ arn: r.Arn, exports: Object.keys(core).sort() })));
`,
  },
  "import (ES module)": {
    file: "provider.mjs",
    text: `import * as core from "@sso-creds/core";
import { fromSsoCache } from "@sso-creds/core";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
const r = await new STSClient({ region: "us-east-1", credentials: fromSsoCache({ profile: "demo" }) }).send(new GetCallerIdentityCommand({}));
console.log(JSON.stringify({ arn: r.Arn, exports: Object.keys(core).filter((k) => k !== "default").sort() }));
`,
  },
};

describe("runtime: import and require", () => {
  const exportsBy: Record<string, string[]> = {};
  for (const node of nodes()) {
    for (const [how, { file, text }] of Object.entries(programs)) {
      it(`${how} on Node ${node.major}: the AWS SDK v3 provider gets role credentials STS accepts`, () => {
        writeFileSync(join(scratch, "app", file), text);
        const out = JSON.parse(ok(run(node.path, [file], { cwd: join(scratch, "app"), env: awsEnv() }), `node ${file}`)) as { arn: string; exports: string[] };
        expect(out.arn).toMatch(/^arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_AdministratorAccess_/);
        exportsBy[`${how} ${node.major}`] = out.exports;
      });
    }
  }
  it("both module systems see the same named exports", () => {
    const all = Object.values(exportsBy);
    expect(all.length).toBe(4);
    expect(all[0]!.length).toBeGreaterThan(50);
    for (const e of all) expect(e).toEqual(all[0]);
  });
});

// Each file uses real types (a wrong call is flagged, so `any` from an unresolved module would fail the check).
// skipLibCheck: resolving and using the types is what is checked; checking every SDK declaration would take minutes.
const typedUse = (importLine: string) => `${importLine}
const provider: AwsCredentialIdentityProvider = fromSsoCache({ profile: "demo" });
const e: SsoCredsError | undefined = undefined;
// @ts-expect-error profile must be a string
fromSsoCache({ profile: 42 });
export { provider, e };
`;
const imports = 'import { fromSsoCache, SsoCredsError } from "@sso-creds/core";\nimport type { AwsCredentialIdentityProvider } from "@smithy/types";';
const settings = {
  nodenext: { compilerOptions: { module: "nodenext", moduleResolution: "nodenext" }, files: { "esm.mts": imports, "cjs.cts": imports } },
  bundler: { compilerOptions: { module: "esnext", moduleResolution: "bundler" }, files: { "index.ts": imports } },
  commonjs: { compilerOptions: { module: "commonjs", moduleResolution: "node10", ignoreDeprecations: "6.0" }, files: { "index.ts": imports } },
};

// The three checks side by side: each tsc is mostly waiting on reading declarations.
describe.concurrent("types: tsc --noEmit in scratch projects", () => {
  for (const [name, { compilerOptions, files }] of Object.entries(settings)) {
    it(`module resolution ${name}`, async ({ expect }) => {
      const dir = join(scratch, "app", `ts-${name}`);
      mkdirSync(dir);
      for (const [file, importLine] of Object.entries(files)) writeFileSync(join(dir, file), typedUse(importLine));
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: { ...compilerOptions, target: "es2022", strict: true, noEmit: true, skipLibCheck: true, types: ["node"] },
          include: ["*.ts", "*.mts", "*.cts"],
        }),
      );
      const r = await runAsync(process.execPath, [tsc, "-p", dir], { cwd: dir, env: process.env });
      expect(`${r.stdout}${r.stderr}`).toBe("");
      expect(r.status).toBe(0);
    });
  }
});
