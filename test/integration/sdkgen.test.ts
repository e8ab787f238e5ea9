/**
 * The provider plugin's Python and Go SDKs, written from `provider/plugin/schema.json` by
 * `scripts/sdkgen.sh`, are complete and compile. Nothing runs them: no Go or Python language host runs
 * here (the Go module proxy refuses both host modules), and the `pulumi` Python package cannot be
 * installed, so the Go SDK and a program on it are compiled (not run) and the Python SDK is
 * byte-compiled and read, not imported. The first run builds the generator (about half a minute when
 * setup-engine.sh has just built the CLI, whose compiled packages it shares); later runs take seconds.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./harness";

const exec = promisify(execFile);
const resources = ["Connection", "Model", "ModelSync", "BulkSync", "SchemaReady"];
/** The Go SDK's import path: `language.go.importBasePath` of the schema (scripts/codegen/schema.ts). */
const goImportPath = "pulumi-polytomic.local/sdk/go/polytomic";

/** Runs a command; on failure the error carries its output. */
async function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  try {
    return await exec(cmd, args, {
      cwd: options.cwd ?? repoRoot,
      env: options.env,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${stderr ?? ""}${stdout ?? ""}`.slice(-8000));
  }
}

/** A program on the Go SDK: two connections and a bulk sync between them. It is compiled, never run. */
const goProgram = `package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"${goImportPath}"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		warehouse, err := polytomic.NewConnection(ctx, "warehouse", &polytomic.ConnectionArgs{
			Type: pulumi.String("postgresql"),
			Configuration: pulumi.Map{
				"hostname": pulumi.String("db.internal"),
				"port":     pulumi.Float64(5432),
				"password": pulumi.ToSecret(pulumi.String("s3cr3t")),
			},
		})
		if err != nil {
			return err
		}
		lake, err := polytomic.NewConnection(ctx, "lake", &polytomic.ConnectionArgs{
			Type:          pulumi.String("s3"),
			Configuration: pulumi.Map{"s3_bucket_name": pulumi.String("lake")},
		})
		if err != nil {
			return err
		}
		sync, err := polytomic.NewBulkSync(ctx, "replicate", &polytomic.BulkSyncArgs{
			SourceConnectionId:       warehouse.ID().ToStringOutput(),
			DestinationConnectionId:  lake.ID().ToStringOutput(),
			DestinationConfiguration: pulumi.Map{"schema": pulumi.String("app")},
			Mode:                     polytomic.BulkSyncModeReplicate,
			Schedule: polytomic.ScheduleArgs{
				Frequency: polytomic.ScheduleFrequencyDaily,
				Hour:      pulumi.Float64(2),
				Minute:    pulumi.String("30"),
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("bulkSyncId", sync.ID())
		ctx.Export("authUrl", warehouse.AuthUrl)
		return nil
	})
}
`;

/** Lists, per module of the Python package, its classes and their bases, and what __init__ imports. */
const pythonInventory = `
import ast, json, pathlib, sys
pkg = pathlib.Path(sys.argv[1])
classes = {}
for f in sorted(pkg.glob("*.py")):
    for node in ast.parse(f.read_text()).body:
        if isinstance(node, ast.ClassDef):
            classes[node.name] = {"module": f.stem, "bases": [ast.unparse(b) for b in node.bases]}
init = ast.parse((pkg / "__init__.py").read_text())
star = [n.module for n in init.body if isinstance(n, ast.ImportFrom) and n.level == 1 and n.names[0].name == "*"]
print(json.dumps({"classes": classes, "starImports": star}))
`;

let tmp: string;
let out: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "sdkgen-"));
  out = path.join(tmp, "sdks");
  await run("bash", ["scripts/sdkgen.sh", out]);
}, 900_000);
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("generated Go SDK", () => {
  it("has a resource type per kind and a Provider", async () => {
    const dir = path.join(out, "go", "polytomic");
    const sources = await Promise.all(
      (await readdir(dir)).filter((f) => f.endsWith(".go")).map((f) => readFile(path.join(dir, f), "utf8")),
    );
    const text = sources.join("\n");
    const custom = [...text.matchAll(/^type (\w+) struct \{\n\tpulumi\.CustomResourceState$/gm)].map(
      (m) => m[1],
    );
    expect(custom.sort()).toEqual([...resources].sort());
    expect(text).toMatch(/^type Provider struct \{\n\tpulumi\.ProviderResourceState$/m);
    for (const name of [...resources, "Provider"]) {
      expect(text).toContain(`func New${name}(ctx *pulumi.Context,`);
    }
    expect(await readFile(path.join(out, "go", "go.mod"), "utf8")).toMatch(
      /^module pulumi-polytomic\.local\/sdk\/go$[\s\S]*^require github\.com\/pulumi\/pulumi\/sdk\/v3 v3\.276\.0$/m,
    );
    expect(JSON.parse(await readFile(path.join(dir, "pulumi-plugin.json"), "utf8"))).toEqual({
      resource: true,
      name: "polytomic",
      version: "0.1.0",
    });
  });

  it("compiles, with a program that declares two Connections and a BulkSync", async () => {
    // The consumer module is the generator's (scripts/sdkgen: same requirements, so the same versions of
    // github.com/pulumi/pulumi/sdk/v3 v3.276.0's dependencies as the CLI, and the same go.sum) plus the
    // generated SDK by a replace. The build flags are setup-engine.sh's, so the Go build cache already
    // holds every dependency compiled and only the SDK and the program are compiled here. (The SDK's own
    // go.mod alone resolves older versions of some, grpc among them: 2.5 minutes more on a cold cache.)
    const consumer = path.join(tmp, "consumer");
    await mkdir(consumer);
    for (const file of ["go.mod", "go.sum"]) {
      await copyFile(path.join(repoRoot, "scripts", "sdkgen", file), path.join(consumer, file));
    }
    const goMod = (await readFile(path.join(consumer, "go.mod"), "utf8")).replace(
      /^module .*$/m,
      "module pulumi-polytomic.local/sdkcheck",
    );
    await writeFile(
      path.join(consumer, "go.mod"),
      `${goMod}\nrequire pulumi-polytomic.local/sdk/go v0.0.0\n\nreplace pulumi-polytomic.local/sdk/go => ${path.join(out, "go")}\n`,
    );
    await writeFile(path.join(consumer, "main.go"), goProgram);
    const env = { ...process.env, GOFLAGS: "-mod=mod", GOWORK: "off", CGO_ENABLED: "0" };
    // Several packages at once: compiled and checked, no binary written.
    await run("go", ["build", "-trimpath", "-tags", "osusergo,grpcnotrace", ".", `${goImportPath}/...`], {
      cwd: consumer,
      env,
    });
  });
});

describe("generated Python SDK", () => {
  it("byte-compiles", async () => {
    await run("python3", ["-m", "compileall", "-q", path.join(out, "python")]);
  });

  it("has a resource class per kind and a Provider, each exported by the package", async () => {
    const { stdout } = await run("python3", [
      "-c",
      pythonInventory,
      path.join(out, "python", "pulumi_polytomic"),
    ]);
    const { classes, starImports } = JSON.parse(stdout) as {
      classes: Record<string, { module: string; bases: string[] }>;
      starImports: string[];
    };
    for (const name of resources) {
      expect(classes[name]?.bases, name).toEqual(["pulumi.CustomResource"]);
      expect(classes[`${name}Args`], `${name}Args`).toBeDefined();
      expect(starImports).toContain(classes[name]?.module);
    }
    expect(classes.Provider?.bases).toEqual(["pulumi.ProviderResource"]);
    expect(starImports).toContain(classes.Provider?.module);
  });
});
