/**
 * The Connection provider as a module of its own, so that Pulumi serializes it as a `require` of this
 * module (see internal/shim.ts) when the package is installed.
 * @internal
 */
import { forDynamicHost } from "../internal/dynamicFrontEnd";
import { connectionProvider } from "../resources/connection";

export = forDynamicHost(connectionProvider);
