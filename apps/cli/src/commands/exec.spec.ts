import { describe, expect, it } from "vitest";
import { splitCommand } from "./exec.js";

const valueFlags = new Set(["--profile"]);

describe("splitCommand", () => {
  it("takes everything after -- verbatim, even words that look like our flags", () => {
    expect(splitCommand(["--profile", "dev", "--", "echo", "dev", "--profile", "--"], valueFlags)).toEqual({
      ownArgv: ["--profile", "dev"],
      command: ["echo", "dev", "--profile", "--"],
    });
  });

  it("without --, starts the command at the first word that is not one of our flags", () => {
    expect(splitCommand(["--profile", "dev", "--allow-nested", "aws", "s3", "ls", "--profile", "x"], valueFlags)).toEqual({
      ownArgv: ["--profile", "dev", "--allow-nested"],
      command: ["aws", "s3", "ls", "--profile", "x"],
    });
    expect(splitCommand(["--profile=dev", "env"], valueFlags)).toEqual({ ownArgv: ["--profile=dev"], command: ["env"] });
  });

  it("returns no command when there is none", () => {
    expect(splitCommand(["--profile", "dev"], valueFlags).command).toEqual([]);
    expect(splitCommand(["--profile", "dev", "--"], valueFlags).command).toEqual([]);
  });
});
