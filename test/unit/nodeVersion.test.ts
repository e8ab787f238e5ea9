/**
 * Node.js versions: the package refuses, at once and saying what it needs, a Node.js its HTTP client
 * (undici 8, `node >= 22.19.0`) cannot run on; `engines` says the same.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { assertSupportedNode, MINIMUM_NODE_VERSION, nodeVersionProblem } from "../../provider/nodeVersion";

const root = path.resolve(__dirname, "../..");
const manifest = (file: string) => JSON.parse(readFileSync(file, "utf8")) as { engines?: { node?: string } };

describe("Node.js version", () => {
  it.each(["20.19.5", "22.12.0", "22.18.9", "21.7.3"])(
    "refuses %s, naming the version found and needed",
    (v) => {
      expect(nodeVersionProblem(v)).toContain(`needs Node.js ${MINIMUM_NODE_VERSION} or later`);
      expect(nodeVersionProblem(v)).toContain(`this is Node.js ${v}`);
      expect(() => assertSupportedNode(v)).toThrow(/needs Node\.js 22\.19\.0/);
    },
  );
  it.each(["22.19.0", "22.23.3", "23.0.0", "24.1.0"])("accepts %s", (v) => {
    expect(nodeVersionProblem(v)).toBeUndefined();
  });
  it("agrees with package.json engines and with undici's own", () => {
    expect(manifest(path.join(root, "package.json")).engines?.node).toBe(
      `>=${MINIMUM_NODE_VERSION.replace(/\.0$/, "")}`,
    );
    const undici = manifest(require.resolve("undici/package.json", { paths: [root] }));
    expect(undici.engines?.node).toBe(`>=${MINIMUM_NODE_VERSION}`);
  });
});
