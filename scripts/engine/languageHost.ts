/**
 * A Node.js language host for the Pulumi engine (`pulumi-language-nodejs`), used when the official Go
 * host cannot be built here: the Go module proxy serves `github.com/pulumi/pulumi/pkg/v3` but refuses
 * every version of `github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3` (403).
 *
 * It speaks the same `pulumirpc.LanguageRuntime` gRPC protocol and runs programs exactly like the
 * official host: a child `node` process on the program's own `@pulumi/pulumi/cmd/run`, with the stack
 * configuration in `PULUMI_CONFIG` / `PULUMI_CONFIG_SECRET_KEYS`. The gRPC stubs and `@grpc/grpc-js`
 * come from the program's `@pulumi/pulumi`, so the host always matches the SDK it drives.
 *
 * Protocol: the engine starts the host with its own gRPC address as the last argument; the host prints
 * the port it listens on as the first line of stdout.
 *
 * Not implemented (the engine treats them as UNIMPLEMENTED): code generation, packing, linking,
 * `InstallDependencies` (the project installs its own node_modules) and plugin discovery from
 * node_modules (dynamic providers use the bundled `pulumi-nodejs` shim).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

/** The subset of the protobuf messages this host reads or writes. */
interface Message {
  [method: string]: unknown;
}
type Callback = (error: Error | null, response?: Message) => void;
interface Call {
  request: Message;
}

/** Exit code with which `@pulumi/pulumi/cmd/run` says it already reported the error to the user. */
const EXIT_AFTER_REPORTED_ERROR = 32;

function call<T>(message: Message, method: string, ...args: unknown[]): T {
  const fn = message[method];
  if (typeof fn !== "function") throw new Error(`language host: protobuf message has no ${method}()`);
  return fn.apply(message, args) as T;
}

/** Finds the program's `@pulumi/pulumi` (from the working directory), falling back to our own. */
function sdkRequire(fromDir: string): NodeJS.Require {
  for (const base of [fromDir, __dirname]) {
    const req = createRequire(path.join(base, "__pulumi_language_host__.js"));
    try {
      req.resolve("@pulumi/pulumi/package.json");
      return req;
    } catch {
      // try the next base
    }
  }
  throw new Error(`language host: cannot resolve @pulumi/pulumi from ${fromDir}; run npm install first`);
}

const children = new Set<ChildProcess>();

function main(): void {
  const engineAddress = process.argv[process.argv.length - 1] ?? "";
  const sdk = sdkRequire(process.cwd());
  const sdkRoot = path.dirname(sdk.resolve("@pulumi/pulumi/package.json"));
  const sdkVersion = (
    JSON.parse(readFileSync(path.join(sdkRoot, "package.json"), "utf8")) as { version: string }
  ).version;
  const grpc = sdk("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
  const services = sdk("@pulumi/pulumi/proto/language_grpc_pb") as Record<string, unknown>;
  const lang = sdk("@pulumi/pulumi/proto/language_pb") as Record<string, new () => Message>;
  const plugin = sdk("@pulumi/pulumi/proto/plugin_pb") as Record<string, new () => Message>;
  const make = (ctor: (new () => Message) | undefined): Message => {
    if (!ctor) throw new Error("language host: unknown protobuf message");
    return new ctor();
  };

  const handlers = {
    handshake(_c: Call, cb: Callback) {
      cb(null, make(lang.LanguageHandshakeResponse));
    },
    getRequiredPlugins(_c: Call, cb: Callback) {
      cb(null, make(lang.GetRequiredPluginsResponse));
    },
    getRequiredPackages(_c: Call, cb: Callback) {
      cb(null, make(lang.GetRequiredPackagesResponse));
    },
    getPluginInfo(_c: Call, cb: Callback) {
      const info = make(plugin.PluginInfo);
      call(info, "setVersion", sdkVersion);
      cb(null, info);
    },
    about(_c: Call, cb: Callback) {
      const resp = make(lang.AboutResponse);
      call(resp, "setExecutable", process.execPath);
      call(resp, "setVersion", process.version);
      cb(null, resp);
    },
    getProgramDependencies(c: Call, cb: Callback) {
      const info = call<Message | undefined>(c.request, "getInfo");
      const dir = info ? call<string>(info, "getProgramDirectory") : process.cwd();
      const resp = make(lang.GetProgramDependenciesResponse);
      call(resp, "setDependenciesList", programDependencies(dir, lang.DependencyInfo));
      cb(null, resp);
    },
    run(c: Call, cb: Callback) {
      runProgram(c.request, engineAddress, sdk.resolve("@pulumi/pulumi/cmd/run"))
        .then(({ error, bail }) => {
          const resp = make(lang.RunResponse);
          if (error) call(resp, "setError", error);
          if (bail) call(resp, "setBail", true);
          cb(null, resp);
        })
        .catch((err: unknown) => cb(err instanceof Error ? err : new Error(String(err))));
    },
  };

  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(services.LanguageRuntimeService as import("@grpc/grpc-js").ServiceDefinition, handlers);
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      console.error(`language host: cannot listen: ${err.message}`);
      process.exit(1);
    }
    process.stdout.write(`${port}\n`);
  });
  const stop = () => {
    for (const child of children) child.kill("SIGTERM");
    server.forceShutdown();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

function programDependencies(dir: string, ctor: (new () => Message) | undefined): Message[] {
  const file = path.join(dir, "package.json");
  if (!ctor || !existsSync(file)) return [];
  const pkg = JSON.parse(readFileSync(file, "utf8")) as { dependencies?: Record<string, string> };
  return Object.entries(pkg.dependencies ?? {}).map(([name, version]) => {
    const dep = new ctor();
    call(dep, "setName", name);
    call(dep, "setVersion", version);
    return dep;
  });
}

/** Runs one program to completion, as `pulumi-language-nodejs` does, and reports how it ended. */
function runProgram(
  req: Message,
  engineAddress: string,
  runScript: string,
): Promise<{ error?: string; bail?: boolean }> {
  const info = call<Message | undefined>(req, "getInfo");
  const pwd =
    call<string>(req, "getPwd") || (info ? call<string>(info, "getProgramDirectory") : process.cwd());
  const entry = (info ? call<string>(info, "getEntryPoint") : "") || call<string>(req, "getProgram") || ".";
  const programDir = info ? call<string>(info, "getProgramDirectory") : pwd;
  const rootDir = info ? call<string>(info, "getRootDirectory") : pwd;
  const optionsStruct = info ? call<Message | undefined>(info, "getOptions") : undefined;
  const options = optionsStruct ? call<Record<string, unknown>>(optionsStruct, "toJavaScript") : {};

  const config: Record<string, string> = {};
  for (const [key, value] of call<Map<string, string>>(req, "getConfigMap").entries()) config[key] = value;
  const program = entry === "." ? "." : path.resolve(programDir, entry);
  const args = [
    runScript,
    "--monitor",
    call<string>(req, "getMonitorAddress"),
    "--engine",
    engineAddress,
    "--organization",
    call<string>(req, "getOrganization"),
    "--project",
    call<string>(req, "getProject"),
    "--stack",
    call<string>(req, "getStack"),
    "--pwd",
    entry === "." ? programDir : pwd,
    "--root-directory",
    rootDir,
    ...(call<boolean>(req, "getDryrun") ? ["--dry-run"] : []),
    "--parallel",
    String(call<number>(req, "getParallel")),
    program,
    ...call<string[]>(req, "getArgsList"),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(call<string[]>(req, "getConfigsecretkeysList")),
    PULUMI_NODEJS_TYPESCRIPT: String(options.typescript !== false),
  };
  if (typeof options.tsconfig === "string") env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
  const nodeArgs = typeof options.nodeargs === "string" ? options.nodeargs.split(/\s+/).filter(Boolean) : [];

  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: pwd, env, stdio: "inherit" });
    children.add(child);
    child.on("error", (err) => {
      children.delete(child);
      resolve({ error: `could not start node: ${err.message}` });
    });
    child.on("exit", (code, signal) => {
      children.delete(child);
      if (code === 0) resolve({});
      else if (code === EXIT_AFTER_REPORTED_ERROR) resolve({ bail: true });
      else
        resolve({
          error: `Program exited with ${signal ? `signal ${signal}` : `non-zero exit code: ${code}`}`,
        });
    });
  });
}

main();
