/**
 * What Pulumi serializes into `__provider`: a thin object whose methods load the real implementation
 * with `require` at call time. Nothing from the program is captured, the serialized text stays a few
 * hundred bytes, and upgrading the package changes behaviour without changing `__provider`.
 *
 * The implementation is found by package name (how users install it) and, failing that, by the
 * absolute path of the compiled registry recorded when the program ran (this repository's own
 * programs and tests, where the package is not in node_modules).
 */
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";

/** Absolute path of the compiled registry of implementations. */
const REGISTRY_PATH = path.join(__dirname, "..", "implementations.js");

/**
 * One shim per resource kind: Pulumi caches a provider's serialization by object identity, and
 * serializing a closure costs milliseconds, so a fresh shim per resource would serialize it again for
 * every resource a program declares.
 */
const shims = new Map<string, pulumi.dynamic.ResourceProvider>();

/** A provider that delegates every call to `providerImplementations[resource]`. */
export function providerShim(resource: string): pulumi.dynamic.ResourceProvider {
  let shim = shims.get(resource);
  if (!shim) {
    shim = createShim(resource);
    shims.set(resource, shim);
  }
  return shim;
}

/** The implementations, which all define every method of a dynamic provider. */
type Implementation = Required<pulumi.dynamic.ResourceProvider>;

// Terse on purpose: this text is stored twice per resource in the state (inputs and outputs), and
// the engine rewrites the whole state after every step, so each byte here costs time at scale.
function createShim(resource: string): pulumi.dynamic.ResourceProvider {
  const registryPath = REGISTRY_PATH;
  const load = (): Implementation => {
    let registry: { providerImplementations: Record<string, Implementation> };
    try {
      registry = require("pulumi-polytomic/dist/provider/implementations");
    } catch (err) {
      // Not installed as a package (this repository's own programs): the path recorded at build time.
      // Any other failure (a broken install) is the real error and must not be masked by the fallback.
      if (!/^(MODULE_NOT_FOUND|ERR_PACKAGE_PATH_NOT_EXPORTED)$/.test((err as { code?: string }).code ?? ""))
        throw err;
      registry = require(registryPath);
    }
    return registry.providerImplementations[resource] as Implementation;
  };
  return {
    configure: (q) => load().configure(q),
    check: (o, n) => load().check(o, n),
    diff: (i, o, n) => load().diff(i, o, n),
    create: (n) => load().create(n),
    read: (i, p) => load().read(i, p),
    update: (i, o, n) => load().update(i, o, n),
    delete: (i, p) => load().delete(i, p),
  };
}
