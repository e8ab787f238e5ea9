/**
 * The SchemaReady provider as a module of its own, so that Pulumi serializes it as a `require` of this
 * module (see internal/shim.ts) when the package is installed.
 * @internal
 */
import { forDynamicHost } from "../internal/dynamicFrontEnd";
import { schemaReadyProvider } from "../resources/schemaReady";

export = forDynamicHost(schemaReadyProvider);
