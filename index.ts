/**
 * pulumi-polytomic: Pulumi resources and components for Polytomic.
 *
 * The package root exports the provider's resources (connections, models, model syncs, bulk syncs,
 * schema readiness) and the pipeline components. The Polytomic API emulator is exported separately
 * from `pulumi-polytomic/emulator`, so programs that only declare resources never load a web server.
 *
 * @packageDocumentation
 */

export * from "./components";
export * from "./provider";
export { inlineProgramOptions } from "./provider/automation";
