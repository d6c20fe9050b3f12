import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RUN_JS } from "../test-support/cliHarness.js";
import { loggedInHome, START_URL, startEmulator, type Emulator } from "../test-support/credentialCommandsHome.js";

const haveTmux = spawnSync("tmux", ["-V"]).status === 0;
const emulators: Emulator[] = [];
const sockets: string[] = [];
afterAll(async () => {
  for (const s of sockets) spawnSync("tmux", ["-L", s, "kill-server"]);
  await Promise.all(emulators.map((e) => e.close()));
});

const tmux = (socket: string, ...args: string[]) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!haveTmux)("sso populate in a real terminal (tmux)", () => {
  it("shows one progress line updated in place (done/total, rate, ETA), cleared at the end, and nothing with --quiet", async () => {
    const accounts = Array.from({ length: 60 }, (_, i) => ({ accountId: String(800000000000 + i), accountName: `t${String(i).padStart(2, "0")}`, emailAddress: "t@example.com", roles: ["ReadOnlyAccess"] }));
    const emu = await startEmulator({ port: 0, autoApprove: true, fixtures: { startUrl: START_URL, region: "us-east-1", accounts } });
    emulators.push(emu);
    const home = await loggedInHome(emu);
    const script = join(home.home, "run.sh");
    const env = { ...home.env, SSO_CREDS_PORTAL_MAX_RPS: "12" };
    const exports = Object.entries(env).map(([k, v]) => `export ${k}='${v.replace(/'/g, "'\\''")}'`);
    writeFileSync(script, [...exports, `clear`, `'${process.execPath}' '${RUN_JS}' populate --sso-session my-sso "$@"`, `echo "EXIT $?"`, `sleep 600`].join("\n"));
    const socket = `sso-test-${randomBytes(4).toString("hex")}`;
    sockets.push(socket);

    tmux(socket, "new-session", "-d", "-s", "p", "-x", "160", "-y", "20", `sh ${script}`);
    const seen: string[] = [];
    let pane = "";
    for (let i = 0; i < 200 && !pane.includes("EXIT "); i++) {
      await sleep(150);
      pane = tmux(socket, "capture-pane", "-p", "-t", "p");
      seen.push(pane);
    }
    expect(pane).toContain("EXIT 0");
    // While it ran: one line "roles [bar] N/60 accounts | R/s | ETA Ts", the same screen line each time.
    const midway = seen.filter((p) => /roles .* ([1-9]|[1-5]\d)\/60 accounts \| \d+\.\d\/s \| ETA \d+s/.test(p));
    expect(midway.length).toBeGreaterThan(2);
    for (const p of midway) expect(p.split("\n").filter((l) => /accounts \|/.test(l))).toHaveLength(1);
    const rows = new Set(midway.map((p) => p.split("\n").findIndex((l) => /accounts \|/.test(l))));
    expect(rows.size).toBe(1);
    // At the end the line is gone: only the summary.
    expect(pane.split("\n").filter((l) => l.trim() !== "")).toEqual(["~/.aws/config: added 60, updated 0, unchanged 0, conflicts 0 (60 roles in 60 accounts)", "EXIT 0"]);
    expect(readFileSync(join(home.home, ".aws", "config"), "utf8")).toContain("[profile t59.ReadOnlyAccess]");

    tmux(socket, "kill-session", "-t", "p");
    tmux(socket, "new-session", "-d", "-s", "q", "-x", "160", "-y", "20", `sh ${script} --quiet`);
    pane = "";
    for (let i = 0; i < 200 && !pane.includes("EXIT "); i++) {
      await sleep(150);
      pane = tmux(socket, "capture-pane", "-p", "-t", "q");
    }
    expect(pane).toContain("EXIT 0");
    expect(pane.split("\n").filter((l) => l.trim() !== "")).toEqual(["~/.aws/config: added 0, updated 0, unchanged 60, conflicts 0 (60 roles in 60 accounts)", "EXIT 0"]);
  }, 90_000);
});
