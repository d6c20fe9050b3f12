// Writes oclif.manifest.json (what `oclif manifest` does) so `sso` finds its commands without importing them all.
import { writeFile } from "node:fs/promises";
import { Plugin } from "@oclif/core";

const root = new URL("..", import.meta.url).pathname;
const plugin = new Plugin({ root, type: "core", ignoreManifest: true, errorOnManifestCreate: true });
await plugin.load();
await writeFile(new URL("../oclif.manifest.json", import.meta.url), JSON.stringify(plugin.manifest, null, 2) + "\n");
