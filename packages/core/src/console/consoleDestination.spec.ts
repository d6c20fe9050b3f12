import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { browserLaunch } from "./browserLaunch.js";
import { CONSOLE_SERVICES, consoleDestination } from "./consoleDestination.js";

describe("consoleDestination", () => {
  it.each([
    [{}, "https://console.aws.amazon.com/"],
    [{ region: "eu-west-1" }, "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1"],
    [{ service: "s3", region: "eu-west-1" }, "https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1"],
    [{ service: "EC2", region: "ap-south-1" }, "https://ap-south-1.console.aws.amazon.com/ec2/home?region=ap-south-1"],
    [{ service: "lambda", region: "us-east-2" }, "https://us-east-2.console.aws.amazon.com/lambda/home?region=us-east-2"],
    [{ service: "cfn", region: "us-east-2" }, "https://us-east-2.console.aws.amazon.com/cloudformation/home?region=us-east-2"],
    [{ service: "iam", region: "eu-west-1" }, "https://console.aws.amazon.com/iam/home?region=eu-west-1"],
    [{ service: "logs", region: "eu-west-1" }, "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups"],
    [{ service: "ec2/home#Instances:", region: "eu-west-1" }, "https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:"],
    [{ service: "/s3/buckets?region=us-west-2", region: "eu-west-1" }, "https://eu-west-1.console.aws.amazon.com/s3/buckets?region=us-west-2"],
    [{ service: "appflow", region: "eu-west-1" }, "https://eu-west-1.console.aws.amazon.com/appflow/home?region=eu-west-1"],
    [{ service: "ec2" }, "https://console.aws.amazon.com/ec2/home"],
    [{ service: "https://example.aws/x", region: "eu-west-1" }, "https://example.aws/x"],
    [{ destination: "https://console.aws.amazon.com/billing/home", region: "eu-west-1" }, "https://console.aws.amazon.com/billing/home"],
  ])("%j → %s", (options, url) => {
    expect(consoleDestination(options)).toBe(url);
  });

  it("every listed service gives an https console URL in the region (or the global host)", () => {
    for (const service of CONSOLE_SERVICES) {
      const url = new URL(consoleDestination({ service, region: "eu-central-1" }));
      expect(url.protocol).toBe("https:");
      expect(["eu-central-1.console.aws.amazon.com", "console.aws.amazon.com"]).toContain(url.host);
      expect(url.searchParams.get("region")).toBe("eu-central-1");
    }
  });

  it.each([
    [{ region: "Europe" }, /is not an AWS region name/],
    [{ region: "eu-west-1; rm" }, /is not an AWS region name/],
    [{ destination: "http://console.aws.amazon.com/" }, /must be an https URL/],
    [{ destination: "javascript:alert(1)" }, /must be an https URL/],
    [{ service: "s3 home" }, /neither a console service name nor a console path/],
  ])("refuses %j", (options, message) => {
    expect(() => consoleDestination(options)).toThrow(ConfigError);
    expect(() => consoleDestination(options)).toThrow(message);
  });
});

describe("browserLaunch", () => {
  const on = (...found: string[]) => (c: string) => (found.includes(c) ? `/usr/bin/${c}` : undefined);
  const URL_ = "http://127.0.0.1:1234/abc";

  it("no choice: the system's default browser (undefined)", () => {
    expect(browserLaunch(URL_, {}, on())).toBeUndefined();
  });
  it("Chrome, Chromium, Edge, Brave: --profile-directory", () => {
    expect(browserLaunch(URL_, { browser: "chrome", browserProfile: "Profile 2" }, on("google-chrome-stable"))).toEqual({
      command: "/usr/bin/google-chrome-stable",
      args: ["--profile-directory=Profile 2", URL_],
      kind: "chromium",
    });
    expect(browserLaunch(URL_, { browser: "brave", browserProfile: "Work" }, on("brave-browser"))!.args).toEqual(["--profile-directory=Work", URL_]);
    expect(browserLaunch(URL_, { browser: "/opt/edge/msedge", browserProfile: "W" }, on())).toEqual({ command: "/opt/edge/msedge", args: ["--profile-directory=W", URL_], kind: "chromium" });
  });
  it("Firefox: -P, and a container as an ext+container: URL (Firefox implied)", () => {
    expect(browserLaunch(URL_, { browser: "firefox", browserProfile: "work" }, on("firefox"))!.args).toEqual(["-P", "work", URL_]);
    expect(browserLaunch(URL_, { firefoxContainer: "prod & co" }, on("firefox-esr"))).toEqual({
      command: "/usr/bin/firefox-esr",
      args: [`ext+container:name=prod%20%26%20co&url=${encodeURIComponent(URL_)}`],
      kind: "firefox",
    });
  });
  it.each([
    [{ browserProfile: "Work" }, /needs a browser/],
    [{ browser: "chrome" }, /Browser "chrome" was not found \(looked for google-chrome, google-chrome-stable, chrome on PATH\)/],
    [{ browser: "lynx", browserProfile: "x" }, /Cannot tell how to choose a profile/],
    [{ browser: "lynx", firefoxContainer: "x" }, /Firefox containers need Firefox/],
  ])("refuses %j", (choice, message) => {
    expect(() => browserLaunch(URL_, choice, on("google-chrome-x", "lynx"))).toThrow(message);
  });
});
