import { describe, expect, it } from "vitest";
import { canOpenBrowser } from "./canOpenBrowser.js";

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
