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

/** A provider that delegates every call to `providerImplementations[resource]`. */
export function providerShim(resource: string): pulumi.dynamic.ResourceProvider {
  const registryPath = REGISTRY_PATH;
  const load = (): pulumi.dynamic.ResourceProvider => {
    let registry: { providerImplementations: Record<string, pulumi.dynamic.ResourceProvider> };
    try {
      registry = require("pulumi-polytomic/dist/provider/implementations");
    } catch (err) {
      if (
        (err as { code?: string }).code !== "MODULE_NOT_FOUND" &&
        (err as { code?: string }).code !== "ERR_PACKAGE_PATH_NOT_EXPORTED"
      )
        throw err;
      registry = require(registryPath);
    }
    const implementation = registry.providerImplementations[resource];
    if (!implementation) throw new Error(`pulumi-polytomic: no provider implementation for ${resource}`);
    return implementation;
  };
  return {
    configure: (req) => load().configure?.(req) ?? Promise.resolve(),
    check: (olds, news) => load().check?.(olds, news) ?? Promise.resolve({ inputs: news }),
    diff: (id, olds, news) => load().diff?.(id, olds, news) ?? Promise.resolve({}),
    create: (inputs) => load().create(inputs),
    read: (id, props) => load().read?.(id, props) ?? Promise.resolve({ id, props }),
    update: (id, olds, news) => load().update?.(id, olds, news) ?? Promise.resolve({ outs: news }),
    delete: (id, props) => load().delete?.(id, props) ?? Promise.resolve(),
  };
}
