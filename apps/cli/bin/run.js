#!/usr/bin/env node
// Version guard first (plain syntax, nothing loaded): an older Node gets one line, not oclif's and the SDK's warnings.
const [major, minor] = process.versions.node.split(".").map(Number); if (major < 22 || (major === 22 && minor < 3)) { process.stderr.write(`sso needs Node.js >= 22.3; found ${process.version}. Install Node.js 22.3 or later, or use the standalone binary: https://github.com/sso-creds/sso-creds#install\n`); process.exit(1); }
(await import("@sso-creds/core/compile-cache")).enableCompileCache();
// The hot commands (env, exec, status, use) run from a small bundle without oclif; anything it does not take goes to oclif.
const argv = process.argv.slice(2);
if (["env", "exec", "status", "whoami", "use"].includes(argv[0]) && (await (await import("../dist/hot/main.js")).runFast(argv))) process.exit();
await (await import("@oclif/core")).execute({ dir: import.meta.url });
// The answer is written: leave once stdout and stderr have drained, not when a timer an SDK client left armed fires.
await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write("", resolve)))); process.exit();
