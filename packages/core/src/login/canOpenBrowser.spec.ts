import { describe, expect, it } from "vitest";
import { browserUnavailableReason, canOpenBrowser, chooseLoginFlow } from "./canOpenBrowser.js";

const none = () => false;

describe("canOpenBrowser", () => {
  it("is true on a Linux desktop with a display and false without one", () => {
    expect(canOpenBrowser({ DISPLAY: ":0" }, "linux", none)).toBe(true);
    expect(canOpenBrowser({ WAYLAND_DISPLAY: "wayland-0" }, "linux", none)).toBe(true);
    expect(canOpenBrowser({}, "linux", none)).toBe(false);
  });

  it("is false over SSH, in CI and in containers, even with a display", () => {
    expect(canOpenBrowser({ DISPLAY: ":0", SSH_CONNECTION: "1.2.3.4 5 6.7.8.9 22" }, "linux", none)).toBe(false);
    expect(canOpenBrowser({ SSH_TTY: "/dev/pts/1" }, "darwin", none)).toBe(false);
    expect(canOpenBrowser({ CI: "true" }, "darwin", none)).toBe(false);
    expect(canOpenBrowser({ DISPLAY: ":0", container: "podman" }, "linux", none)).toBe(false);
    expect(canOpenBrowser({ DISPLAY: ":0" }, "linux", (p) => p === "/.dockerenv")).toBe(false);
  });

  it("is true on macOS and Windows desktops, and CI=false does not count as CI", () => {
    expect(canOpenBrowser({}, "darwin", none)).toBe(true);
    expect(canOpenBrowser({}, "win32", none)).toBe(true);
    expect(canOpenBrowser({ CI: "false" }, "darwin", none)).toBe(true);
  });
});

describe("browserUnavailableReason and chooseLoginFlow", () => {
  it("names what it saw, as the user can check it", () => {
    expect(browserUnavailableReason({ SSH_TTY: "/dev/pts/1", DISPLAY: ":0" }, "linux", none)).toBe("an SSH session (SSH_TTY is set)");
    expect(browserUnavailableReason({ CI: "1" }, "darwin", none)).toBe("a CI job (CI is set)");
    expect(browserUnavailableReason({ CODESPACES: "true" }, "linux", none)).toBe("a container (CODESPACES is set)");
    expect(browserUnavailableReason({ DISPLAY: ":0" }, "linux", (p) => p === "/run/.containerenv")).toBe("a container (/run/.containerenv exists)");
    expect(browserUnavailableReason({}, "linux", none)).toBe("no display (DISPLAY and WAYLAND_DISPLAY are unset)");
    expect(browserUnavailableReason({ WSL_DISTRO_NAME: "Ubuntu" }, "linux", none)).toBeUndefined();
    expect(browserUnavailableReason({ DISPLAY: ":0" }, "linux", none)).toBeUndefined();
  });

  it("picks the flow and says why, with the flag for the other one", () => {
    // [options, env, fileExists, flow, openBrowser, reason]
    const rows: Array<[{ useDeviceCode?: boolean; noBrowser?: boolean; legacy?: boolean }, Record<string, string>, (p: string) => boolean, string, boolean, string]> = [
      [{}, { DISPLAY: ":0" }, none, "pkce", true, "Using the browser on this machine (PKCE); --use-device-code confirms a code on any device instead."],
      [{}, {}, none, "device", false, "No display (DISPLAY and WAYLAND_DISPLAY are unset): using the device code; --no-browser prints a PKCE URL instead."],
      [{}, { DISPLAY: ":0" }, (p) => p === "/.dockerenv", "device", false, "A container (/.dockerenv exists): using the device code; --no-browser prints a PKCE URL instead."],
      [{ noBrowser: true }, {}, none, "pkce", false, "Printing a PKCE login URL to open in a browser on this machine (--no-browser); --use-device-code confirms a code on any device instead."],
      [{ useDeviceCode: true }, { DISPLAY: ":0" }, none, "device", true, "Using the device code (--use-device-code): confirm the code on any device."],
      [{ useDeviceCode: true, noBrowser: true }, { DISPLAY: ":0" }, none, "device", false, "Using the device code (--use-device-code): confirm the code on any device."],
      [{ legacy: true }, { DISPLAY: ":0" }, none, "device", true, "A legacy SSO profile (sso_start_url, no sso_session) logs in with the device code, as the AWS CLI does; an [sso-session] allows PKCE."],
    ];
    for (const [options, env, exists, flow, openBrowser, reason] of rows) {
      expect(chooseLoginFlow(options, env, "linux", exists)).toEqual({ flow, openBrowser, reason });
    }
  });
});
