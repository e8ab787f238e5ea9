/**
 * Measures one resource graph through the whole Pulumi lifecycle with the offline engine: wall time of
 * `up`, an unchanged `preview`, `refresh` and `destroy`, and the peak RSS of the provider process
 * during `up` (the dynamic-provider host, or a plugin the project loads).
 */
import { LocalWorkspace, type ProjectSettings, type PulumiFn } from "@pulumi/pulumi/automation";
import { type OfflineEngine, storedState } from "../scripts/engine/offlineEngine";
import { sampleProviderRss } from "./rss";

/** Wall times in seconds and the provider's peak memory for one graph. */
export interface LifecycleMeasurement {
  readonly up: number;
  readonly preview: number;
  readonly refresh: number;
  readonly destroy: number;
  /** Peak resident memory of the provider process during `up`, in MiB. */
  readonly providerPeakRssMiB: number;
  /** Size of the stored state after `up`: the engine rewrites all of it after every step. */
  readonly stateBytes: number;
  /** Operations the unchanged preview planned other than "same" (must be empty). */
  readonly previewChanges: Readonly<Record<string, number>>;
}

async function seconds<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [Number(process.hrtime.bigint() - started) / 1e9, result];
}

/** The four measured operations, in order. */
export type Phase = "up" | "preview" | "refresh" | "destroy";

/** Called around each phase, outside the timed span (for example to snapshot a request log). */
export interface PhaseHooks {
  before?(phase: Phase): void;
  after?(phase: Phase): void;
}

/** Options of {@link measureLifecycle}. */
export interface MeasureOptions {
  readonly hooks?: PhaseHooks;
  /** Extra environment of the engine's processes (for example an engine setting under study). */
  readonly env?: Readonly<Record<string, string>>;
  /** Provider plugins the project loads from a directory (`plugins.providers` of a Pulumi.yaml). */
  readonly plugins?: readonly { readonly name: string; readonly path: string }[];
  /** What the provider's command line contains, for its RSS; default the dynamic-provider host. */
  readonly providerCommand?: string;
}

/** Runs up, preview, refresh and destroy of `program` in a fresh stack and removes the stack. */
export async function measureLifecycle(
  engine: OfflineEngine,
  stackName: string,
  program: PulumiFn,
  config: Readonly<Record<string, { value: string; secret?: boolean }>>,
  programDir: string,
  options: MeasureOptions = {},
): Promise<LifecycleMeasurement> {
  const hooks = options.hooks ?? {};
  const projectName = "polytomic-bench";
  const workspace = engine.workspaceOptions({
    projectName,
    programDir,
    ...(options.env ? { env: options.env } : {}),
  });
  if (options.plugins && workspace.projectSettings) {
    // The Automation API's ProjectSettings type lacks `plugins`, which Pulumi.yaml has.
    workspace.projectSettings = {
      ...workspace.projectSettings,
      plugins: { providers: options.plugins },
    } as ProjectSettings;
  }
  const stack = await LocalWorkspace.createOrSelectStack({ stackName, projectName, program }, workspace);
  await stack.setAllConfig({ ...config });
  const phase = async <T>(name: Phase, work: () => Promise<T>): Promise<[number, T]> => {
    hooks.before?.(name);
    const result = await seconds(work);
    hooks.after?.(name);
    return result;
  };
  const rss = sampleProviderRss(options.providerCommand);
  const [up] = await phase("up", () => stack.up());
  const peak = await rss.stop();
  const stateBytes = Buffer.byteLength(await storedState(stack));
  const [preview, previewResult] = await phase("preview", () => stack.preview());
  const [refresh] = await phase("refresh", () => stack.refresh());
  const [destroy] = await phase("destroy", () => stack.destroy());
  await stack.workspace.removeStack(stackName);
  const previewChanges = Object.fromEntries(
    Object.entries(previewResult.changeSummary).filter(([op, count]) => op !== "same" && count > 0),
  );
  return {
    up,
    preview,
    refresh,
    destroy,
    providerPeakRssMiB: peak / 1024 / 1024,
    stateBytes,
    previewChanges,
  };
}
