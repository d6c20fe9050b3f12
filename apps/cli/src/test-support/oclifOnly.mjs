// The sso CLI without its fast path: what bin/run.js does for a command the fast path leaves to oclif, for any argv.
// The fast path's differential test (fast/fastVsOclif.integ.spec.ts) compares the two.
const { execute } = await import("@oclif/core");
await execute({ dir: new URL("../../bin/run.js", import.meta.url).href, args: process.argv.slice(2) });
await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write("", resolve))));
process.exit();
