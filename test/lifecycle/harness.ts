/**
 * The lifecycle conformance harness: one emulator per test file, the provider configured against it,
 * replayable fast-check runs, and the steps the engine takes (check, create, diff, read, update,
 * delete) called on a provider directly.
 *
 * Every property runs on {@link NUM_RUNS} generated cases (200 unless `LIFECYCLE_RUNS` says otherwise)
 * from one seed per file: printed before each property, and taken from `LIFECYCLE_SEED` when set, so
 * `LIFECYCLE_SEED=<seed> bash scripts/run.sh vitest run test/lifecycle/<file>` replays a failure (fast-check
 * also prints the seed, the path and the shrunk counterexample of a failing property).
 */
import type * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { expect } from "vitest";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../emulator";
import { configureProvider, resetRuntime } from "../../provider/client/runtime";
import { canonical } from "../../provider/internal/diff";
import { type Call, data, type RawResponse, rawClient } from "../contract/http";

/** Generated cases per property. */
export const NUM_RUNS = Number(process.env.LIFECYCLE_RUNS ?? 200);

/** The seed of every property of this file (one per process: each test file runs in its own). */
export const SEED =
  process.env.LIFECYCLE_SEED !== undefined && process.env.LIFECYCLE_SEED !== ""
    ? Number(process.env.LIFECYCLE_SEED)
    : (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;

/** How long one property may spend shrinking a failure before it reports the smallest found so far. */
const SHRINK_BUDGET_MS = Number(process.env.LIFECYCLE_SHRINK_MS ?? 20_000);

/** Per-test timeout for a property: its runs plus the shrink budget. */
export const PROPERTY_TIMEOUT_MS = 120_000 + SHRINK_BUDGET_MS;

/** A running emulator with the provider pointed at it. */
export interface Env {
  readonly emu: Emulator;
  /** Raw HTTP as the documentation's curl examples send it (never through the provider's client). */
  readonly call: Call;
}

let current: Emulator | undefined;

/** Starts this file's emulator (cache ready at once) and configures the provider against it. */
export async function startEnv(options: EmulatorOptions = {}): Promise<Env> {
  const emu = await startEmulator({ ...options, port: 0, schemaCacheDelayMs: 0 });
  current = emu;
  await configureFor(emu);
  return { emu, call: rawClient(() => emu) };
}

/** Forgets the provider's clients (and what they cached) and points the provider at `emu`. */
export async function configureFor(emu: Emulator): Promise<void> {
  await resetRuntime();
  const values: Record<string, string> = { "polytomic:apiKey": emu.apiKey, "polytomic:baseUrl": emu.url };
  configureProvider({ get: (key) => values[key] });
}

/** Stops the emulator and forgets the provider's clients. */
export async function stopEnv(env: Env | undefined): Promise<void> {
  await resetRuntime();
  await env?.emu.close();
  current = undefined;
}

/** A unique suffix per generated case, so names (unique per organization) and URNs never collide. */
let counter = 0;
export function nextTag(): string {
  counter += 1;
  return `${counter.toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** The URN the engine gives resource `name` of `kind`. */
export function urnOf(kind: string, name: string): string {
  return `urn:pulumi:lifecycle::polytomic::pulumi-nodejs:dynamic/polytomic:${kind}::${name}`;
}

/**
 * Runs `predicate` on {@link NUM_RUNS} cases of `arb` with this file's seed, printing the seed first.
 * A failure is shrunk for at most the shrink budget, then reported with fast-check's seed, path and
 * counterexample.
 */
export async function property<T>(
  label: string,
  arb: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
): Promise<void> {
  console.log(`[lifecycle] ${label}: seed ${SEED}, ${NUM_RUNS} runs (replay with LIFECYCLE_SEED=${SEED})`);
  const started = Date.now();
  let firstFailureAt: number | undefined;
  await fc.assert(
    fc.asyncProperty(arb, async (value) => {
      try {
        await predicate(value);
      } catch (err) {
        firstFailureAt ??= Date.now();
        throw err;
      }
    }),
    {
      numRuns: NUM_RUNS,
      seed: SEED,
      // Shrinking re-runs API round trips: bound it, keeping the smallest counterexample found in time.
      interruptAfterTimeLimit: 100_000 + SHRINK_BUDGET_MS,
      markInterruptAsFailure: true,
      reporter: (details) => {
        if (!details.failed) return;
        const shrinking = firstFailureAt ? ` (shrinking ${(Date.now() - firstFailureAt) / 1000}s)` : "";
        throw new Error(`${label}${shrinking}\n${fc.defaultReportMessage(details) ?? "property failed"}`, {
          cause: details.errorInstance,
        });
      },
    },
  );
  console.log(
    `[lifecycle] ${label}: ${NUM_RUNS} runs passed in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
}

/** The steps of a resource's life, as the engine drives a dynamic provider. */
// biome-ignore lint/suspicious/noExplicitAny: the five providers' input types differ; the harness is generic
export type AnyProvider = pulumi.dynamic.ResourceProvider<any, any>;
type Props = Record<string, unknown>;

/** `check(olds, news)`: the inputs the engine goes on with; a failure means the generator is wrong. */
export async function checked(provider: AnyProvider, olds: Props, news: Props): Promise<Props> {
  const result = await provider.check?.(olds, news);
  if (result?.failures && result.failures.length > 0) {
    throw new Error(
      `generated inputs failed check (a generator bug, or check refuses a documented value): ${result.failures
        .map((f) => f.reason)
        .join("; ")}\ninputs: ${JSON.stringify(news)}`,
    );
  }
  return (result?.inputs ?? news) as Props;
}

/** `check` then `create`, as an `up` does for a new resource. */
export async function create(
  provider: AnyProvider,
  inputs: Props,
): Promise<{ id: string; outs: Props; inputs: Props }> {
  const news = await checked(provider, {}, inputs);
  const result = await provider.create?.(news);
  if (!result?.id) throw new Error("create returned no id");
  return { id: result.id, outs: (result.outs ?? {}) as Props, inputs: news };
}

/** A diff result with what it compared, for messages. */
export interface Diffed extends pulumi.dynamic.DiffResult {
  /** The members the provider names as changed, when it names them. */
  readonly diffs?: string[];
  readonly olds: Props;
  readonly news: Props;
}

/** The diff of a step whose old state is `oldInputs` and `oldOuts`, and whose program says `program`. */
export async function diff(
  provider: AnyProvider,
  id: string,
  oldInputs: Props,
  oldOuts: Props,
  program: Props,
): Promise<Diffed> {
  const news = await checked(provider, oldInputs, program);
  return { ...((await provider.diff?.(id, oldOuts, news)) ?? {}), olds: oldOuts, news };
}

/** A diff that must find nothing; the message names the members of `names` that differ. */
export function expectNoChange(result: Diffed, what: string, names: readonly string[]): void {
  const summary = { changes: result.changes, diffs: result.diffs ?? [], replaces: result.replaces ?? [] };
  const differ = differing(result.olds, result.news, names).map(
    (n) => `${n}: old ${canonical(result.olds[n])} / new ${canonical(result.news[n])}`,
  );
  expect(
    summary,
    `${what}: expected no change${differ.length > 0 ? `; differing: ${differ.join("; ")}` : ""}`,
  ).toEqual({ changes: false, diffs: [], replaces: [] });
}

/** The members of `names` on which two property bags differ (canonical JSON: key order never counts). */
export function differing(a: Props, b: Props, names: readonly string[]): string[] {
  return names.filter((n) => canonical(a[n]) !== canonical(b[n]));
}

/** Raw GET; `undefined` on 404. */
export async function rawGet(env: Env, path: string): Promise<Props | undefined> {
  const response = await env.call("GET", path);
  if (response.status === 404) return undefined;
  if (response.status !== 200)
    throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return data(response);
}

/** Raw DELETE (out of band); a 404 counts as done. */
export async function rawDelete(env: Env, path: string): Promise<RawResponse> {
  const response = await env.call("DELETE", path);
  if (response.status !== 204 && response.status !== 404)
    throw new Error(`DELETE ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

/** Raw POST that must succeed; the created object. */
export async function rawCreate(env: Env, path: string, body: unknown): Promise<Props> {
  const response = await env.call("POST", path, body);
  if (response.status !== 200)
    throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return data(response);
}

/** Deletes what a case made, newest first, whatever the outcome of the case. */
export class Cleanup {
  private readonly paths: string[] = [];
  constructor(private readonly env: Env) {}
  add(path: string): void {
    this.paths.push(path);
  }
  async run(): Promise<void> {
    for (const path of this.paths.reverse()) {
      const force = path.startsWith("/api/connections/") ? "?force=true" : "";
      await rawDelete(this.env, `${path}${force}`).catch(() => undefined);
    }
  }
}

/** Runs `work` with a fresh {@link Cleanup}, then cleans up. */
export async function withCleanup<T>(env: Env, work: (cleanup: Cleanup) => Promise<T>): Promise<T> {
  const cleanup = new Cleanup(env);
  try {
    return await work(cleanup);
  } finally {
    await cleanup.run();
  }
}

/** The emulator of the running file (for generators that need ids made in `beforeAll`). */
export function emulator(): Emulator {
  if (!current) throw new Error("no emulator: call startEnv() in beforeAll");
  return current;
}

/** A string no generated value contains by chance, unique per call: for secrets searched in outputs. */
export const secretValue = (): fc.Arbitrary<string> => fc.uuid().map((u) => `s3cr3t-${u}`);

/** Short printable text (no control or invisible characters), never empty. */
export const text = (maxLength = 12): fc.Arbitrary<string> =>
  fc
    .string({ minLength: 1, maxLength, unit: "grapheme-ascii" })
    .filter((s) => s.trim() !== "" && s !== "********");

/** A unique list of distinct non-empty strings. */
export const distinctTexts = (maxLength = 3): fc.Arbitrary<string[]> =>
  fc.uniqueArray(text(10), { minLength: 1, maxLength });
