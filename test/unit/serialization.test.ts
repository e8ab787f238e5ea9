/**
 * What Pulumi stores as `__provider`: serialized from the COMPILED package in a plain node process
 * (not vitest's transformed modules, which the closure serializer cannot read). It must succeed, hold
 * no secret and stay small.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const repoRoot = path.resolve(__dirname, "../..");

describe("serialized providers", () => {
  it("are small, capture no secret, and load their implementation at call time", () => {
    const script = `
      process.env.POLYTOMIC_API_KEY = "api-key-that-must-not-leak";
      const pulumi = require("@pulumi/pulumi");
      const { serializableProvider } = require(${JSON.stringify(path.join(repoRoot, "dist/provider/internal/shim.js"))});
      (async () => {
        const out = {};
        for (const name of ["Connection", "SchemaReady", "Model", "ModelSync", "BulkSync"]) {
          const shim = serializableProvider(name);
          const s = await pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true });
          out[name] = { text: s.text, containsSecrets: s.containsSecrets };
        }
        process.stdout.write(JSON.stringify(out));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const out = JSON.parse(
      execFileSync(process.execPath, ["-e", script], { cwd: repoRoot, encoding: "utf8" }),
    ) as Record<string, { text: string; containsSecrets: boolean }>;
    for (const [name, { text, containsSecrets }] of Object.entries(out)) {
      expect(containsSecrets, name).toBe(false);
      expect(text, name).not.toContain("api-key-that-must-not-leak");
      expect(text.length, name).toBeLessThan(8 * 1024);
      expect(text, name).toContain("providerImplementations");
    }
  });
});
