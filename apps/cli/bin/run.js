#!/usr/bin/env node
import module from "node:module"; module.enableCompileCache?.();
await (await import("@oclif/core")).execute({ dir: import.meta.url });
