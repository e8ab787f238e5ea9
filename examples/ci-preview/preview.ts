/**
 * `node dist/examples/ci-preview/preview.js --project <dir> [--baseline <dir>] [--stack ci] [--out summary.md]`
 *
 * Runs `pulumi preview --diff` of a Pulumi project and writes a Markdown summary for a pull-request
 * comment. Against the real API when POLYTOMIC_API_KEY is set (the stack's backend then holds the
 * deployed state). Otherwise against an embedded Polytomic emulator with a throwaway file backend:
 * given `--baseline` (the base branch's project) it first deploys that to the emulator, so the preview
 * shows what the pull request changes; without it, everything shows as a create, which still runs
 * every `check` (bad input fails here, before review).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { type EngineEvent, LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { startEmulator } from "pulumi-polytomic/emulator";
import { collect, renderSummary } from "./summary";

interface Options {
  project: string;
  baseline?: string;
  stack: string;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const project = get("--project");
  if (!project) throw new Error("--project <dir> is required");
  const baseline = get("--baseline");
  return {
    project: path.resolve(project),
    ...(baseline ? { baseline: path.resolve(baseline) } : {}),
    stack: get("--stack") ?? "ci",
    out: path.resolve(get("--out") ?? "polytomic-preview.md"),
  };
}

async function select(
  dir: string,
  stackName: string,
  env: Record<string, string>,
  api: { url?: string; key: string },
): Promise<Stack> {
  const stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir: dir }, { envVars: env });
  await stack.setConfig("polytomic:apiKey", { value: api.key, secret: true });
  if (api.url) await stack.setConfig("polytomic:baseUrl", { value: api.url });
  return stack;
}

/** Runs the preview and writes the summary; returns the Markdown and whether the preview succeeded. */
export async function runPreview(
  options: Options,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ markdown: string; ok: boolean }> {
  const realKey = env.POLYTOMIC_API_KEY;
  const emulator = realKey ? undefined : await startEmulator({ port: 0, schemaCacheDelayMs: 100 });
  const scratch = realKey ? undefined : mkdtempSync(path.join(tmpdir(), "polytomic-ci-"));
  const engineEnv: Record<string, string> = scratch
    ? {
        PULUMI_BACKEND_URL: `file://${scratch}`,
        PULUMI_CONFIG_PASSPHRASE: "ci-preview",
        PULUMI_SKIP_UPDATE_CHECK: "true",
      }
    : {};
  const api = emulator
    ? { url: emulator.url, key: emulator.apiKey }
    : { ...(env.POLYTOMIC_BASE_URL ? { url: env.POLYTOMIC_BASE_URL } : {}), key: realKey ?? "" };
  try {
    if (options.baseline && emulator) {
      const base = await select(options.baseline, options.stack, engineEnv, api);
      await base.up();
    }
    const stack = await select(options.project, options.stack, engineEnv, api);
    const events: EngineEvent[] = [];
    let ok = true;
    await stack.preview({ diff: true, onEvent: (e) => events.push(e) }).catch(() => {
      ok = false;
    });
    const target = emulator ? "the embedded Polytomic emulator" : (api.url ?? "the Polytomic API");
    const markdown = renderSummary(collect(events), `Polytomic preview (${target})`);
    writeFileSync(options.out, markdown);
    return { markdown, ok };
  } finally {
    await emulator?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runPreview(parseArgs(process.argv.slice(2))).then(
    ({ markdown, ok }) => {
      process.stdout.write(markdown);
      if (!ok) process.exitCode = 1;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
