/**
 * "The stack settles": the standard check of every engine test. After every `up` the API holds exactly
 * the objects the stack's state declares (each id of each kind exists in the emulator, and no other
 * object does) and a preview wants no change; a refresh finds nothing to change; after every `destroy`
 * nothing of the stack is left. {@link expectSettles} runs the whole loop a user runs (up, preview,
 * refresh, preview, destroy, up again, preview, destroy); {@link settledUp}, {@link expectNoChanges},
 * {@link expectRefreshSettles} and {@link settledDestroy} are its steps, for tests that change the
 * program or the API between them.
 *
 * Every failure names the step, the resource (URN, and id where there is one) and the fields, and a
 * preview's failure carries that resource's part of `pulumi preview --diff`.
 */
import type {
  DestroyResult,
  EngineEvent,
  OpType,
  PreviewResult,
  Stack,
  StepEventMetadata,
  UpResult,
} from "@pulumi/pulumi/automation";
import type { Emulator, StoreKind } from "../../emulator";

/** Which emulator collection holds each resource type's objects (SchemaReady has none). */
const KINDS: Readonly<Record<string, StoreKind>> = {
  Connection: "connections",
  Model: "models",
  ModelSync: "modelSyncs",
  BulkSync: "bulkSyncs",
};
const ALL_KINDS = Object.values(KINDS);

/** One Polytomic object the stack's state declares. */
export interface DeclaredObject {
  readonly kind: StoreKind;
  readonly id: string;
  readonly urn: string;
}

interface StateResource {
  urn: string;
  type: string;
  id?: string;
  /** A replaced resource still waiting for its delete: its object is not declared any more. */
  delete?: boolean;
}

/** The resource type's last segment: `pulumi-nodejs:dynamic/polytomic:Connection` is `Connection`. */
const kindName = (type: string): string => type.split(":").at(-1) ?? type;

/** The Polytomic objects the stack's state records, with their ids. */
export async function declaredObjects(stack: Stack): Promise<DeclaredObject[]> {
  const deployment = await stack.exportStack();
  const resources = ((deployment.deployment as { resources?: StateResource[] }).resources ??
    []) as StateResource[];
  return resources.flatMap((r) => {
    const kind = r.type.includes("polytomic:") ? KINDS[kindName(r.type)] : undefined;
    return kind && r.id && !r.delete ? [{ kind, id: r.id, urn: r.urn }] : [];
  });
}

/** Whom a check belongs to: the step's name plus, where there are several, the stack's. */
const where = (stack: Stack, step: string) => `[${stack.name}] ${step}`;

/**
 * After an up (or a failed one): every object the states of `stacks` declare exists in the emulator,
 * no two resources claim the same object, and the emulator holds no object that no state declares, of
 * any of the four kinds (stricter than "of the stack's kinds": a stack cannot have made another kind's
 * object either). Objects whose ids are in `foreign` belong to something else and are left out.
 */
export async function apiHoldsExactly(
  stacks: readonly Stack[],
  emulator: Emulator,
  step: string,
  foreign: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const problems: string[] = [];
  const declared = new Map<string, DeclaredObject & { stack: Stack }>();
  for (const stack of stacks) {
    for (const object of await declaredObjects(stack)) {
      const claimed = declared.get(object.id);
      if (claimed)
        problems.push(
          `${where(stack, step)}: ${object.urn} and ${claimed.urn} both record ${object.kind} ${object.id}`,
        );
      declared.set(object.id, { ...object, stack });
      if (!emulator.store.get(object.kind, object.id))
        problems.push(
          `${where(stack, step)}: ${object.urn} records ${object.kind} ${object.id}, which the API does not hold (a phantom in the state)`,
        );
    }
  }
  for (const kind of ALL_KINDS) {
    for (const object of emulator.store.list(kind) as { id: string; name?: string }[]) {
      if (foreign.has(object.id) || declared.has(object.id)) continue;
      problems.push(
        `${step}: the API holds ${kind} ${object.id} (${JSON.stringify(object.name)}), which no resource of ${stacks
          .map((s) => s.name)
          .join(", ")} records (an orphan)`,
      );
    }
  }
  return problems;
}

/** After a destroy: none of `before` is left, nor any other object outside `foreign`. */
function nothingLeft(
  stack: Stack,
  emulator: Emulator,
  step: string,
  before: readonly DeclaredObject[],
  foreign: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  for (const object of before)
    if (emulator.store.get(object.kind, object.id))
      problems.push(`${where(stack, step)}: ${object.urn} left ${object.kind} ${object.id} in the API`);
  for (const kind of ALL_KINDS)
    for (const object of emulator.store.list(kind) as { id: string; name?: string }[])
      if (!foreign.has(object.id) && !before.some((b) => b.id === object.id))
        problems.push(
          `${where(stack, step)}: the API still holds ${kind} ${object.id} (${JSON.stringify(object.name)})`,
        );
  return problems;
}

/** The part of `pulumi preview --diff` output about one resource (the header line through its fields). */
export function diffOf(stdout: string, urn: string): string {
  const lines = stdout.split("\n");
  const at = lines.findIndex((line) => line.includes(`[urn=${urn}]`));
  if (at < 0) return stdout;
  const header = /^\s*[-+~<>=*]*\s*[\w-]+:[\w/.-]+:[\w/.-]+: \([\w-]+\)\s*$/;
  let start = at;
  while (start > 0 && !header.test(lines[start] ?? "")) start--;
  let end = at + 1;
  while (
    end < lines.length &&
    !header.test(lines[end] ?? "") &&
    !/^(Resources|Outputs):/.test(lines[end] ?? "")
  )
    end++;
  return lines.slice(start, end).join("\n");
}

/** Resource step events of an operation, by the event that carries them. */
function steps(events: readonly EngineEvent[]): StepEventMetadata[] {
  const byUrn = new Map<string, StepEventMetadata>();
  for (const e of events) {
    const m = e.resOutputsEvent?.metadata ?? e.resourcePreEvent?.metadata ?? e.resOpFailedEvent?.metadata;
    if (m) byUrn.set(`${m.urn}\u0000${m.op}`, m);
  }
  return [...byUrn.values()];
}

const changedOps = (summary: Partial<Record<OpType, number>> | undefined) =>
  Object.entries(summary ?? {}).filter(([op, n]) => op !== "same" && (n ?? 0) > 0);

/** The key that marks one of Pulumi's special values (a secret) in engine events and state. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/**
 * The paths (two levels deep: `configuration.hostname`) whose values differ between `a` and `b`.
 */
function changedPaths(a: unknown, b: unknown, prefix = "", depth = 2): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  // Events carry a secret encrypted on one side and in its wrapper on the other (engine 3.276): the
  // values cannot be compared here, and the engine's own diff already decided whether they changed.
  if ((isObject(a) && SECRET_SIG in a) || (isObject(b) && SECRET_SIG in b)) return [];
  if (depth === 0 || !isObject(a) || !isObject(b)) return [prefix || "(the whole value)"];
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((key) =>
    changedPaths(a[key], b[key], prefix ? `${prefix}.${key}` : key, depth - 1),
  );
}

/**
 * Fields a preview step changes: the engine's diff keys, else (a dynamic provider's diff names none)
 * the program's inputs whose values differ from the state's outputs, as the provider compares them.
 */
function fieldsOf(m: StepEventMetadata): string[] {
  if (m.diffs?.length) return m.diffs;
  const olds = (m.old?.outputs ?? {}) as Record<string, unknown>;
  const news = (m.new?.inputs ?? {}) as Record<string, unknown>;
  return Object.keys(news)
    .filter((key) => !key.startsWith("__"))
    .flatMap((key) => changedPaths(olds[key], news[key], key, 1));
}

/** The output fields that differ between a refresh step's old and new state. */
const changedOutputs = (m: StepEventMetadata) => changedPaths(m.old?.outputs ?? {}, m.new?.outputs ?? {});

/** `path: old -> new` for each path. */
function valuesAt(m: StepEventMetadata, paths: readonly string[]): string {
  const at = (v: unknown, path: string) =>
    path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], v);
  return paths
    .map(
      (p) => `\n  ${p}: ${JSON.stringify(at(m.old?.outputs, p))} -> ${JSON.stringify(at(m.new?.outputs, p))}`,
    )
    .join("");
}

/**
 * A preview of the unchanged program wants no change. Each resource it would change is named with its
 * operation, the fields and its part of the preview's diff.
 */
export async function previewProblems(stack: Stack, step: string): Promise<string[]> {
  const events: EngineEvent[] = [];
  let preview: PreviewResult;
  try {
    preview = await stack.preview({ diff: true, onEvent: (e) => events.push(e) });
  } catch (err) {
    return [`${where(stack, step)}: the preview failed: ${String(err)}`];
  }
  const changes = steps(events).filter((m) => m.op !== "same" && m.op !== "read");
  const problems = changes.map(
    (m) =>
      `${where(stack, step)}: preview wants ${m.op} of ${m.urn}${m.old?.id ? ` (id ${m.old.id})` : ""}, fields ${JSON.stringify(
        fieldsOf(m),
      )}${m.keys?.length ? `, replace keys ${JSON.stringify(m.keys)}` : ""}:\n${diffOf(preview.stdout, m.urn)}`,
  );
  if (problems.length === 0 && changedOps(preview.changeSummary).length > 0)
    problems.push(
      `${where(stack, step)}: preview wants changes ${JSON.stringify(preview.changeSummary)}:\n${preview.stdout}`,
    );
  // An unchanged preview prints nothing but "no changes": no stack output that would change (an
  // output unknown in preview shows as `+ authUrl: [unknown]`), no undefined output.
  const noise = preview.stdout
    .split("\n")
    .filter((line) => /^\s*[-+~]\s*\w+\s*:|\[unknown\]|Undefined value/.test(line));
  if (problems.length === 0 && noise.length > 0)
    problems.push(
      `${where(stack, step)}: an unchanged preview prints ${JSON.stringify(noise)}:\n${preview.stdout}`,
    );
  return problems;
}

/**
 * A refresh finds the state as the API has it: no resource updated or deleted. Each one it changes is
 * named with the output fields whose values the read changed.
 */
export async function refreshProblems(stack: Stack, step: string): Promise<string[]> {
  const events: EngineEvent[] = [];
  let summary: Partial<Record<OpType, number>> | undefined;
  try {
    summary = (await stack.refresh({ onEvent: (e) => events.push(e) })).summary.resourceChanges;
  } catch (err) {
    return [`${where(stack, step)}: the refresh failed: ${String(err)}`];
  }
  const problems: string[] = [];
  for (const m of steps(events)) {
    if (m.op === "same") continue;
    if (!m.new) {
      problems.push(`${where(stack, step)}: refresh found ${m.urn} (id ${m.old?.id}) gone from the API`);
      continue;
    }
    const fields = changedOutputs(m);
    if (fields.length || (m.op !== "refresh" && m.op !== "read"))
      problems.push(
        `${where(stack, step)}: refresh changed ${m.urn} (id ${m.old?.id}, ${m.op}), fields ${JSON.stringify(fields)}:${valuesAt(m, fields)}`,
      );
  }
  if (problems.length === 0 && changedOps(summary).length > 0)
    problems.push(`${where(stack, step)}: refresh reports changes ${JSON.stringify(summary)}`);
  return problems;
}

/** Throws one error listing every problem, or returns. */
export function assertNone(problems: readonly string[]): void {
  if (problems.length > 0)
    throw new Error(`the stack does not settle (${problems.length} problems):\n\n${problems.join("\n\n")}`);
}

/** Options of the settle checks. */
export interface SettleOptions {
  /**
   * Ids of emulator objects that are not the stack's (another stack's, or created by the test out of
   * band), left out of "exactly the declared objects" and "nothing left".
   */
  readonly foreign?: () => ReadonlySet<string>;
}

const foreignIds = (options: SettleOptions): ReadonlySet<string> => options.foreign?.() ?? new Set();

/** The API holds exactly what the stack declares (throws, naming the step and each object). */
export async function expectApiHoldsState(
  stack: Stack,
  emulator: Emulator,
  step: string,
  options: SettleOptions = {},
): Promise<void> {
  assertNone(await apiHoldsExactly([stack], emulator, step, foreignIds(options)));
}

/** A preview of the unchanged program wants no change (throws with each resource's diff). */
export async function expectNoChanges(stack: Stack, step: string): Promise<void> {
  assertNone(await previewProblems(stack, step));
}

/** A refresh changes nothing (throws with each resource's changed fields). */
export async function expectRefreshSettles(stack: Stack, step: string): Promise<void> {
  assertNone(await refreshProblems(stack, step));
}

/**
 * `up`, then: the API holds exactly what the state declares, and a preview wants no change. Returns the
 * up's result for the test's own checks; throws (after both checks ran) naming the step.
 */
export async function settledUp(
  stack: Stack,
  emulator: Emulator,
  step: string,
  options: SettleOptions = {},
): Promise<UpResult> {
  const up = await stack.up();
  if (up.summary.result !== "succeeded") throw new Error(`${where(stack, step)}: up ${up.summary.result}`);
  assertNone([
    ...(await apiHoldsExactly([stack], emulator, `${step}: up`, foreignIds(options))),
    ...(await previewProblems(stack, `${step}: preview after up`)),
  ]);
  return up;
}

/** `destroy`, then nothing the stack declared (nor any other object outside `foreign`) is left. */
export async function settledDestroy(
  stack: Stack,
  emulator: Emulator,
  step: string,
  options: SettleOptions = {},
): Promise<DestroyResult> {
  const before = await declaredObjects(stack);
  const destroy = await stack.destroy();
  if (destroy.summary.result !== "succeeded")
    throw new Error(`${where(stack, step)}: destroy ${destroy.summary.result}`);
  assertNone(nothingLeft(stack, emulator, `${step}: destroy`, before, foreignIds(options)));
  return destroy;
}

/** Options of {@link expectSettles}. */
export interface LifecycleOptions extends SettleOptions {
  /**
   * How this stack is brought up (default `stack.up()`): for example an up that stops for a browser
   * authorization, then the one that finishes. Round 1 or 2.
   */
  readonly up?: (round: 1 | 2) => Promise<UpResult>;
  /** The test's own checks of each successful up (outputs, what the API holds). */
  readonly afterUp?: (up: UpResult, round: 1 | 2) => Promise<void> | void;
}

/**
 * The whole loop: up, preview (no change), refresh (no change), preview (no change), destroy, up again,
 * preview (no change), destroy; the API holds exactly the declared objects after each up and nothing
 * after each destroy. A failed check does not stop the loop (the later steps are checked too); a failed
 * operation does, after a best-effort destroy. Throws once at the end with every problem, by step.
 */
export async function expectSettles(
  stack: Stack,
  emulator: Emulator,
  options: LifecycleOptions = {},
): Promise<void> {
  const problems: string[] = [];
  const up = options.up ?? (() => stack.up());
  const foreign = () => foreignIds(options);
  const times: string[] = [];
  const timed = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      times.push(`${step} ${((performance.now() - start) / 1000).toFixed(1)}s`);
    }
  };
  const bringUp = async (round: 1 | 2) => {
    const step = round === 1 ? "up" : "up after destroy";
    let result: UpResult;
    try {
      result = await timed(step, () => up(round));
    } catch (err) {
      problems.push(...(await apiHoldsExactly([stack], emulator, `${step} (failed)`, foreign())));
      throw new Error(`${where(stack, step)} failed: ${String(err)}\n\n${problems.join("\n\n")}`);
    }
    problems.push(
      ...(await timed("check API", async () => apiHoldsExactly([stack], emulator, step, foreign()))),
    );
    try {
      await options.afterUp?.(result, round);
    } catch (err) {
      problems.push(`${where(stack, step)}: the test's own check failed: ${String(err)}`);
    }
  };
  const check = async (step: string, run: () => Promise<string[]>) => {
    problems.push(...(await timed(step, run)));
  };
  const tearDown = async (step: string) => {
    const before = await declaredObjects(stack);
    await timed(step, () => stack.destroy());
    problems.push(...nothingLeft(stack, emulator, step, before, foreign()));
  };
  try {
    await bringUp(1);
    await check("preview", () => previewProblems(stack, "preview after up"));
    await check("refresh", () => refreshProblems(stack, "refresh after up"));
    await check("preview", () => previewProblems(stack, "preview after refresh"));
    await tearDown("destroy");
    await bringUp(2);
    await check("preview", () => previewProblems(stack, "preview after up after destroy"));
    await tearDown("destroy after up again");
  } catch (err) {
    await stack.destroy().catch(() => undefined);
    throw err;
  } finally {
    if (process.env.SETTLE_TIMES) console.log(`[${stack.name}] ${times.join(", ")}`);
  }
  assertNone(problems);
}

/**
 * Removes every object left in the emulator (after a failed test, so the next one starts from an empty
 * API). Returns how many there were.
 */
export function clearEmulator(emulator: Emulator): number {
  let removed = 0;
  for (const kind of ALL_KINDS)
    for (const object of emulator.store.list(kind) as { id: string }[]) {
      emulator.store.remove(kind, object.id);
      removed++;
    }
  return removed;
}
