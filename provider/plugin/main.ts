#!/usr/bin/env node
import { useEngineForDiagnostics } from "../internal/diagnostics";
/**
 * `pulumi-resource-polytomic`: the Polytomic provider plugin. The engine starts it with its own address
 * as the last argument; it listens on a loopback port, which it prints as the first line of stdout (the
 * plugin handshake), and serves until the engine closes it.
 */
import { assertSupportedNode } from "../nodeVersion";
import { handlers, loadProtocol } from "./server";

function main(): void {
  assertSupportedNode();
  const engineAddress = process.argv
    .slice(2)
    .filter((arg) => !arg.startsWith("-"))
    .pop();
  const protocol = loadProtocol();
  if (engineAddress) useEngineForDiagnostics(engineAddress);
  const server = new protocol.grpc.Server({
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
  });
  server.addService(protocol.rpc.ResourceProviderService, handlers(protocol));
  server.bindAsync("127.0.0.1:0", protocol.grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      process.stderr.write(`pulumi-resource-polytomic: cannot listen: ${err.message}\n`);
      process.exit(1);
    }
    process.stdout.write(`${port}\n`);
  });
  // The engine closes stdin or kills the process when it is done with the plugin.
  process.on("SIGTERM", () => server.forceShutdown());
}

main();
