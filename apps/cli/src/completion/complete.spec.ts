import { describe, expect, it } from "vitest";
import { complete, splitLine, type CommandSpec } from "./complete.js";

const profile = { char: "p", type: "option", summary: "Profile." } as const;
const commands: CommandSpec[] = [
  { id: "exec", aliases: [], hidden: false, summary: "Run a command.", strict: false, flags: { profile, region: { char: "r", type: "option" }, server: { type: "boolean", summary: "Serve." } } },
  { id: "env", aliases: [], hidden: false, summary: "Print.", strict: true, flags: { profile, format: { type: "option", options: ["sh", "fish", "json"] }, "write-credentials": { type: "option" } } },
  { id: "login", aliases: [], hidden: false, summary: "Log in.", strict: true, flags: { profile, "sso-session": { type: "option" }, force: { char: "f", type: "boolean" } } },
  { id: "logout", aliases: [], hidden: false, summary: "Log out.", strict: true, flags: { all: { type: "boolean" } } },
  { id: "status", aliases: ["whoami"], hidden: false, summary: "Status.", strict: true, flags: { profile, list: { type: "option", multiple: true } } },
  { id: "token:export", aliases: [], hidden: false, summary: "Export.", strict: true, flags: {} },
  { id: "token:import", aliases: [], hidden: false, summary: "Import.", strict: true, flags: {} },
  { id: "help", aliases: [], hidden: false, summary: "Help.", strict: false, flags: {} },
  { id: "completion", aliases: ["autocomplete"], hidden: false, summary: "Scripts.", strict: true, flags: {} },
  { id: "__complete", aliases: [], hidden: true, summary: undefined, strict: false, flags: {} },
];
const sources = { profiles: async () => ["dev", "prod", "dev-eu"], ssoSessions: async () => ["my-sso", "other"], regions: async () => ["eu-west-1", "us-east-1"] };
const values = async (...words: string[]) => {
  const r = await complete(commands, words, sources);
  return [...r.candidates.map((c) => c.split("\t")[0]), r.fallback ? ":1" : ":0"];
};

describe("complete", () => {
  it("commands, topics and aliases by prefix; hidden commands never", async () => {
    expect(await values("lo")).toEqual(["login", "logout", ":0"]);
    expect(await values("")).not.toContain("__complete");
    expect(await values("to")).toEqual(["token", ":0"]);
    expect(await values("token", "")).toEqual(["export", "import", ":0"]);
    expect(await values("who")).toEqual(["whoami", ":0"]);
  });

  it("flags of the command, those already given left out (unless repeatable), -h/--help always", async () => {
    expect(await values("exec", "--")).toEqual(["--help", "--profile", "--region", "--server", ":0"]);
    expect(await values("exec", "--profile", "dev", "--")).toEqual(["--help", "--region", "--server", ":0"]);
    expect(await values("status", "--list", "a", "--l")).toEqual(["--list", ":0"]);
    expect(await values("login", "-f")).toEqual(["-f", ":0"]);
  });

  it("values: profiles, sso-sessions, regions from the config, options from the flag; --flag=value and -p value", async () => {
    expect(await values("exec", "--profile", "")).toEqual(["dev", "prod", "dev-eu", ":0"]);
    expect(await values("exec", "-p", "de")).toEqual(["dev", "dev-eu", ":0"]);
    expect(await values("env", "--profile=d")).toEqual(["--profile=dev", "--profile=dev-eu", ":0"]);
    expect(await values("login", "--sso-session", "")).toEqual(["my-sso", "other", ":0"]);
    expect(await values("exec", "-r", "eu")).toEqual(["eu-west-1", ":0"]);
    expect(await values("env", "--format", "")).toEqual(["sh", "fish", "json", ":0"]);
    // A value we know nothing about: the shell's own completion (files).
    expect(await values("env", "--write-credentials", "")).toEqual([":1"]);
  });

  it("exec: after `--` or the command's first word, the shell completes the command", async () => {
    expect(await values("exec", "--profile", "dev", "--", "")).toEqual([":1"]);
    expect(await values("exec", "-p", "dev", "terraform", "--profile")).toEqual([":1"]);
    expect(await values("exec", "--server", "")).toEqual([":1"]);
  });

  it("help completes command names; completion completes shells", async () => {
    expect(await values("help", "lo")).toEqual(["login", "logout", ":0"]);
    expect(await values("help", "token", "e")).toEqual(["export", ":0"]);
    expect(await values("completion", "")).toEqual(["bash", "zsh", "fish", "powershell", ":0"]);
    expect(await values("autocomplete", "f")).toEqual(["fish", ":0"]);
  });

  it("splitLine splits as a shell does for completion", () => {
    expect(splitLine("sso exec --profile ")).toEqual(["sso", "exec", "--profile", ""]);
    expect(splitLine("sso  exec 'my profile")).toEqual(["sso", "exec", "my profile"]);
    expect(splitLine('sso env "a b" c')).toEqual(["sso", "env", "a b", "c"]);
    expect(splitLine("")).toEqual([""]);
  });
});
