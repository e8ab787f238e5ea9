/**
 * What `npm pack` publishes is what a user gets: the runtime and nothing else (no tests, benchmarks,
 * examples, project scripts, build info or source maps whose sources are absent), every file the
 * shipped code requires, the `polytomic-emulator` bin, the licence, and types that resolve under every
 * `moduleResolution` a consumer may use. Reads the compiled `dist/` as it is (`npm run test:unit`
 * builds it first).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { builtinModules } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

interface PackageJson {
  readonly name: string;
  readonly bin?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly exports: Record<string, string | { readonly types?: string; readonly default: string }>;
  readonly typesVersions?: Record<string, Record<string, readonly string[]>>;
}
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as PackageJson;

/** Package-relative path without a leading `./`, as `npm pack` lists files. */
const plain = (p: string) => p.replace(/^\.\//, "");

let files: Set<string>;

beforeAll(() => {
  // `npm` from PATH, as scripts/package/installedProject.ts runs it: the project's toolchain ships only
  // node, so npm is not always beside process.execPath.
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const [packed] = JSON.parse(out) as { files: { path: string }[] }[];
  if (!packed) throw new Error(`npm pack reported nothing: ${out}`);
  files = new Set(packed.files.map((f) => f.path));
}, 60_000);

/** Every `require("x")` and `import("x")` specifier of a compiled file (TypeScript's scanner skips comments). */
function specifiers(file: string): string[] {
  const text = readFileSync(path.join(root, file), "utf8");
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** The package name of a bare specifier (`@scope/name/deep` -> `@scope/name`). */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

const isBuiltin = (specifier: string) =>
  specifier.startsWith("node:") || builtinModules.includes(packageName(specifier));

describe("npm pack", () => {
  it("ships the polytomic-emulator bin, with a shebang", () => {
    const bin = pkg.bin?.["polytomic-emulator"];
    expect(bin).toBeDefined();
    expect(files).toContain(plain(bin as string));
    expect(readFileSync(path.join(root, bin as string), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("ships LICENSE and README.md", () => {
    expect(files).toContain("LICENSE");
    expect(files).toContain("README.md");
    expect(readFileSync(path.join(root, "LICENSE"), "utf8")).toContain("Apache License");
  });

  it("ships no tests, benchmarks, examples, project scripts, build info or source maps", () => {
    const unwanted = [...files].filter(
      (f) =>
        /^dist\/(test|bench|examples|scripts)\//.test(f) ||
        f.endsWith(".tsbuildinfo") ||
        f.endsWith(".map") ||
        f.endsWith(".sha256"),
    );
    expect(unwanted).toEqual([]);
  });

  it("ships every file a shipped file requires, and every export target", () => {
    const missing: string[] = [];
    for (const file of files) {
      if (!file.endsWith(".js")) continue;
      for (const spec of specifiers(file)) {
        let target: string;
        if (spec.startsWith(".")) target = path.posix.join(path.posix.dirname(file), spec);
        else if (spec.startsWith(`${pkg.name}/`)) target = spec.slice(pkg.name.length + 1);
        else continue;
        const candidates = [target, `${target}.js`, `${target}.json`, `${target}/index.js`];
        if (!candidates.some((c) => files.has(c))) missing.push(`${file} -> ${spec}`);
      }
    }
    expect(missing).toEqual([]);
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const targets = typeof target === "string" ? [target] : Object.values(target);
      for (const t of targets) {
        if (t.includes("*")) {
          const prefix = plain(t.slice(0, t.indexOf("*")));
          expect(
            [...files].some((f) => f.startsWith(prefix)),
            `${subpath} -> ${t}`,
          ).toBe(true);
        } else {
          expect(files, `${subpath} -> ${t}`).toContain(plain(t));
        }
      }
    }
  });

  it("requires every dependency somewhere in the shipped code, and nothing that is not one", () => {
    const required = new Set<string>();
    for (const file of files) {
      if (!file.endsWith(".js")) continue;
      for (const spec of specifiers(file)) {
        if (!spec.startsWith(".") && !isBuiltin(spec)) required.add(packageName(spec));
      }
    }
    required.delete(pkg.name);
    const dependencies = Object.keys(pkg.dependencies ?? {}).sort();
    expect(dependencies.filter((d) => !required.has(d))).toEqual([]);
    expect([...required].filter((r) => !dependencies.includes(r))).toEqual([]);
  });
});

describe("types of every export subpath", () => {
  const typedSubpaths = Object.entries(pkg.exports).flatMap(([subpath, target]) =>
    typeof target === "object" && target.types ? [{ subpath, types: target.types }] : [],
  );
  let consumer = "";

  beforeAll(() => {
    // A consumer project with the package in its node_modules: its package.json and dist/, without the
    // repository's sources (which node10 would otherwise find beside package.json).
    consumer = mkdtempSync(path.join(os.tmpdir(), "polytomic-consumer-"));
    const installed = path.join(consumer, "node_modules", pkg.name);
    mkdirSync(installed, { recursive: true });
    copyFileSync(path.join(root, "package.json"), path.join(installed, "package.json"));
    symlinkSync(path.join(root, "dist"), path.join(installed, "dist"), "dir");
  });
  afterAll(() => {
    if (consumer) rmSync(consumer, { recursive: true, force: true });
  });

  it("typesVersions maps every typed subpath but the root to its declarations", () => {
    const map = pkg.typesVersions?.["*"] ?? {};
    for (const { subpath, types } of typedSubpaths) {
      if (subpath === ".") continue;
      expect(map[plain(subpath)], subpath).toEqual([plain(types)]);
      expect(files, subpath).toContain(plain(types));
    }
  });

  for (const [label, moduleResolution, module] of [
    ["node10", ts.ModuleResolutionKind.Node10, ts.ModuleKind.CommonJS],
    ["node16", ts.ModuleResolutionKind.Node16, ts.ModuleKind.Node16],
    ["bundler", ts.ModuleResolutionKind.Bundler, ts.ModuleKind.ESNext],
  ] as const) {
    it(`resolve under moduleResolution ${label}`, () => {
      const from = path.join(consumer, "index.ts");
      for (const { subpath, types } of typedSubpaths) {
        const specifier = subpath === "." ? pkg.name : `${pkg.name}/${plain(subpath)}`;
        const { resolvedModule } = ts.resolveModuleName(
          specifier,
          from,
          { moduleResolution, module, noEmit: true },
          ts.sys,
        );
        expect(resolvedModule?.resolvedFileName, specifier).toBe(path.join(root, plain(types)));
      }
    });
  }
});
