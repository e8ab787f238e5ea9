#!/usr/bin/env node
/**
 * The native engine floor: a provider plugin (`pulumi-resource-benchnoop`, launched from a directory
 * the bench writes, see pluginLaunchers.ts) whose `benchnoop:index:NoOp` resources do no work at all,
 * as bench/noop.ts does for dynamic resources. The native Polytomic graph over this floor is what the
 * Polytomic plugin costs beyond the engine's handling of native resources.
 *
 * It loads the gRPC stubs as provider/plugin/server.ts does, but not through that module: importing it
 * would load every resource implementation at start-up, which is exactly the cost the floor must not
 * have.
 */
import { createRequire } from "node:module";

// biome-ignore lint/suspicious/noExplicitAny: generated protobuf classes without types at this depth
type Message = any;
type Callback = (error: Error | null, response?: Message) => void;
type Handler = (call: { request: Message }, callback: Callback) => void;

const sdk = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = sdk("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const rpc = sdk("./proto/provider_grpc_pb") as Message;
const proto = sdk("./proto/provider_pb") as Message;
const plugin = sdk("./proto/plugin_pb") as Message;
const { Empty } = sdk("google-protobuf/google/protobuf/empty_pb") as Message;

const answer =
  (work: (request: Message) => Message): Handler =>
  (call, callback) =>
    callback(null, work(call.request));

/** What the diff compares, as bench/noop.ts does: the key and the edges. */
const identity = (props: Message) => {
  const js = (props?.toJavaScript() ?? {}) as Record<string, unknown>;
  return JSON.stringify([js.key, js.dependsOn]);
};

const handlers: Record<string, Handler> = {
  getPluginInfo: answer(() => new plugin.PluginInfo().setVersion("0.0.1")),
  checkConfig: answer((req) => new proto.CheckResponse().setInputs(req.getNews())),
  diffConfig: answer(() => new proto.DiffResponse().setChanges(proto.DiffResponse.DiffChanges.DIFF_NONE)),
  configure: answer(() => new proto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(true)),
  check: answer((req) => new proto.CheckResponse().setInputs(req.getNews())),
  diff: answer((req) => {
    const { DIFF_SOME, DIFF_NONE } = proto.DiffResponse.DiffChanges;
    return new proto.DiffResponse().setChanges(
      identity(req.getOlds()) === identity(req.getNews()) ? DIFF_NONE : DIFF_SOME,
    );
  }),
  create: answer((req) => {
    const response = new proto.CreateResponse().setProperties(req.getProperties());
    if (!req.getPreview()) response.setId(`noop-${req.getProperties()?.toJavaScript().key}`);
    return response;
  }),
  read: answer((req) =>
    new proto.ReadResponse().setId(req.getId()).setProperties(req.getProperties()).setInputs(req.getInputs()),
  ),
  update: answer((req) => new proto.UpdateResponse().setProperties(req.getNews())),
  delete: answer(() => new Empty()),
  cancel: answer(() => new Empty()),
};

const server = new grpc.Server();
server.addService(rpc.ResourceProviderService, handlers);
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    process.stderr.write(`pulumi-resource-benchnoop: cannot listen: ${err.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${port}\n`);
});
process.on("SIGTERM", () => server.forceShutdown());
