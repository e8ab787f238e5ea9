/**
 * Per-process state shared by every deserialized dynamic provider: the stack config from the last
 * `configure`, one client per distinct settings, one concurrency limit, and shared caches.
 *
 * It lives on `globalThis` under a registered symbol because the closure serializer may give each
 * dynamic provider its own copy of this module, so module-level variables would not be shared.
 * Nothing live is created here at load time; clients build their connection pools on first request.
 */
import { type ConfigSource, resolveMaxConcurrency, resolveSettings } from "../config";
import { assertSupportedNode } from "../nodeVersion";
import { PolytomicClient } from "./client";
import type { ClientOptions } from "./options";
import { Semaphore } from "./semaphore";
import type { ClientSettings } from "./types";

// Every resource module loads this one, in the program and in the provider process: refuse an
// unsupported Node.js here, before any request can fail in a slower, vaguer way.
assertSupportedNode();

// Bump when the shape below changes, so a copy of an older version never reads a newer state.
const STATE_VERSION = 1;
const KEY = Symbol.for("pulumi-polytomic.runtime");

interface RuntimeState {
  readonly version: number;
  config?: ConfigSource;
  readonly clients: Map<string, PolytomicClient>;
  semaphore?: Semaphore;
  readonly caches: Map<string, Promise<unknown>>;
  /** Options for clients built from now on (tests shorten timeouts here). */
  clientOptions?: ClientOptions;
}

function state(): RuntimeState {
  const holder = globalThis as unknown as Record<symbol, RuntimeState | undefined>;
  const current = holder[KEY];
  if (current?.version === STATE_VERSION) return current;
  const fresh: RuntimeState = { version: STATE_VERSION, clients: new Map(), caches: new Map() };
  holder[KEY] = fresh;
  return fresh;
}

/** The process-wide limit on in-flight requests, sized from `POLYTOMIC_MAX_CONCURRENCY` on first use. */
function semaphore(): Semaphore {
  const s = state();
  s.semaphore ??= new Semaphore(resolveMaxConcurrency(process.env));
  return s.semaphore;
}

/**
 * Records the stack config a dynamic provider's `configure(req)` received (`req.config`); later
 * {@link getClient} calls in this process use it.
 */
export function configureProvider(config: ConfigSource | undefined): void {
  state().config = config;
}

/** The settings in force: the stack config from the last {@link configureProvider}, else the environment. */
export function currentSettings(): ClientSettings {
  return resolveSettings(state().config, process.env);
}

/**
 * The shared client for the settings in force, built on first use; one per distinct settings.
 * @throws PolytomicError with code `configuration` when the settings are missing or invalid.
 */
export function getClient(): PolytomicClient {
  const settings = currentSettings();
  const s = state();
  const key = fingerprint(settings);
  let client = s.clients.get(key);
  if (!client) {
    const limit = semaphore();
    client = new PolytomicClient(settings, {
      ...s.clientOptions,
      limit: (work, signal) => limit.run(work, signal),
    });
    s.clients.set(key, client);
  }
  return client;
}

/** A digest of the settings, so the map of clients never holds the API key as a string key. */
function fingerprint(settings: ClientSettings): string {
  const crypto = require("node:crypto") as typeof import("node:crypto");
  const material = JSON.stringify([
    settings.baseUrl,
    settings.apiVersion,
    settings.organizationId ?? null,
    settings.apiKey,
  ]);
  return crypto.createHash("sha256").update(material).digest("hex");
}

/**
 * The value `load` produces, computed once per process under `key` (e.g. connection type schemas).
 * Concurrent callers share one load; a failed load is forgotten so the next call tries again.
 */
export async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const caches = state().caches;
  let pending = caches.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    caches.set(key, pending);
    pending.catch(() => {
      if (caches.get(key) === pending) caches.delete(key);
    });
  }
  return pending;
}

/** In-flight and queued requests of this process, for tests and diagnostics. */
export function concurrencyStats(): {
  readonly capacity: number;
  readonly running: number;
  readonly queued: number;
} {
  const limit = semaphore();
  return { capacity: limit.capacity, running: limit.running, queued: limit.queued };
}

/**
 * Forgets all per-process state and closes every client's connections. For tests: the next
 * {@link getClient} starts afresh, reading `POLYTOMIC_MAX_CONCURRENCY` again.
 *
 * @param clientOptions - options for clients built from now on (e.g. short timeouts, a MockAgent).
 */
export async function resetRuntime(clientOptions?: ClientOptions): Promise<void> {
  const s = state();
  const clients = [...s.clients.values()];
  s.clients.clear();
  s.caches.clear();
  s.config = undefined;
  s.semaphore = undefined;
  s.clientOptions = clientOptions;
  await Promise.all(clients.map((client) => client.close()));
}
