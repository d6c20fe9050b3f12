import { makePeerHome, type PeerHome } from "./peers.js";
import { startInteropWorld, type InteropWorld } from "./startInteropWorld.js";

interface Hooks {
  beforeAll(fn: () => unknown, timeout?: number): void;
  afterAll(fn: () => unknown, timeout?: number): void;
  beforeEach(fn: () => unknown, timeout?: number): void;
  afterEach(fn: () => unknown, timeout?: number): void;
}

/** An object that stands for whatever `current()` is when it is used (the world of this file, the home of this test). */
function standIn<T extends object>(what: string, current: () => T | undefined): T {
  const target = (): T => {
    const value = current();
    if (!value) throw new Error(`${what} is not set up: use it inside a test or hook`);
    return value;
  };
  return new Proxy({} as T, {
    get: (_t, name) => Reflect.get(target(), name),
    has: (_t, name) => Reflect.has(target(), name),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_t, name) => Reflect.getOwnPropertyDescriptor(target(), name),
  });
}

/**
 * The interop world of a spec file (the TLS emulator on 127.0.0.1:443, the peers' trust), started once, with the
 * emulator reset and a fresh peer home (`config` in its ~/.aws/config) for every test, removed after it.
 */
export function useInteropWorld(hooks: Hooks, options: { config?: string } = {}): { world: InteropWorld; home: PeerHome } {
  let world: InteropWorld | undefined;
  let home: PeerHome | undefined;
  hooks.beforeAll(async () => {
    world = await startInteropWorld();
  });
  hooks.afterAll(() => world?.close());
  hooks.beforeEach(async () => {
    world!.emu.reset();
    home = options.config === undefined ? await makePeerHome() : await makePeerHome(options.config);
  });
  hooks.afterEach(async () => {
    await home?.cleanup();
    home = undefined;
  });
  return { world: standIn("the interop world", () => world), home: standIn("the peer home", () => home) };
}
