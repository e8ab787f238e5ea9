/**
 * Per-process state shared by every deserialized dynamic provider: the settings from the last
 * `configure`, one client per distinct settings, and one concurrency limit. It lives on `globalThis`
 * because each serialized provider carries its own copy of this module.
 */
import { type ConfigSource, resolveSettings } from "../config";
import { type ClientSettings, PolytomicClient } from "./client";

interface RuntimeState {
  config?: ConfigSource;
  clients: Map<string, PolytomicClient>;
  active: number;
  waiting: (() => void)[];
  /** Caches shared by resources, e.g. connection type schemas. */
  caches: Map<string, unknown>;
}

const KEY = Symbol.for("pulumi-polytomic.runtime");

function state(): RuntimeState {
  const holder = globalThis as unknown as Record<symbol, RuntimeState | undefined>;
  holder[KEY] ??= { clients: new Map(), active: 0, waiting: [], caches: new Map() };
  return holder[KEY];
}

function maxConcurrency(): number {
  const n = Number(process.env.POLYTOMIC_MAX_CONCURRENCY ?? 8);
  return Number.isInteger(n) && n > 0 ? n : 8;
}

/** Runs `work` once fewer than the limit of requests are in flight in this process. */
async function limit<T>(work: () => Promise<T>): Promise<T> {
  const s = state();
  while (s.active >= maxConcurrency()) await new Promise<void>((resolve) => s.waiting.push(resolve));
  s.active++;
  try {
    return await work();
  } finally {
    s.active--;
    s.waiting.shift()?.();
  }
}

/** Records the stack config a dynamic provider's `configure` received. */
export function configureProvider(config: ConfigSource | undefined): void {
  state().config = config;
}

/** The settings in force: stack config from `configure`, else the environment. */
export function currentSettings(): ClientSettings {
  return resolveSettings(state().config, process.env);
}

/** The shared client for the settings in force. */
export function getClient(): PolytomicClient {
  const settings = currentSettings();
  const key = JSON.stringify([
    settings.baseUrl,
    settings.apiVersion,
    settings.organizationId,
    settings.apiKey,
  ]);
  const s = state();
  let client = s.clients.get(key);
  if (!client) {
    client = new PolytomicClient(settings, { limit });
    s.clients.set(key, client);
  }
  return client;
}

/** A value cached for the life of the process under `key`. */
export async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const caches = state().caches;
  if (caches.has(key)) return caches.get(key) as T;
  const value = await load();
  caches.set(key, value);
  return value;
}
