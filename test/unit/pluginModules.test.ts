/**
 * What the provider plugin loads before it can answer the engine. `@pulumi/pulumi`'s index brings its
 * runtime, the closure serializer (the TypeScript compiler) and the Automation API (execa): about half
 * a second of the plugin's start, on the critical path of every `pulumi` command. The plugin needs
 * only the SDK's gRPC stubs, so nothing the plugin loads at start-up may load the index; the dynamic
 * resource classes, which do, live apart from the implementations the plugin shares with them.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

/** The files a fresh Node process has loaded after requiring `modules`, relative to node_modules. */
function loadedBy(...modules: string[]): string[] {
  const script = [
    ...modules.map((m) => `require(${JSON.stringify(path.join(root, m))});`),
    "process.stdout.write(JSON.stringify(Object.keys(require.cache)));",
  ].join("\n");
  const result = spawnSync(process.execPath, ["-e", script], {
    cwd: root,
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(result.stderr).toBe("");
  return (JSON.parse(result.stdout) as string[]).map((f) => f.replace(/^.*node_modules[\\/]/, ""));
}

const sdkIndex = (files: readonly string[]) =>
  files.filter((f) => /^@pulumi[\\/]pulumi[\\/](index|runtime[\\/]index|automation[\\/]index)\.js$/.test(f));

describe("the provider plugin's start-up modules", () => {
  it("serve every resource kind and the lookups without @pulumi/pulumi's index, runtime or Automation API", () => {
    const files = loadedBy("dist/provider/plugin/server.js", "dist/provider/plugin/kinds.js");
    // The check would pass vacuously if the plugin's modules were not loaded at all.
    expect(files.some((f) => f.endsWith(path.join("provider", "resources", "bulkSync.js")))).toBe(true);
    expect(files.some((f) => f.endsWith(path.join("provider", "lookups.js")))).toBe(true);
    expect(sdkIndex(files)).toEqual([]);
    expect(files.filter((f) => /^typescript[\\/]|^execa[\\/]/.test(f))).toEqual([]);
  });

  it("the package's entry point, which programs load, still loads the SDK (the test above can fail)", () => {
    expect(sdkIndex(loadedBy("dist/index.js"))).toContain(path.join("@pulumi", "pulumi", "index.js"));
  });
});
