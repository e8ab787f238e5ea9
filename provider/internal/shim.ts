/**
 * What Pulumi serializes into `__provider`, which the state stores twice per resource (inputs and
 * outputs) and the engine rewrites after every step, so its size is paid again at every step.
 *
 * Installed as a package (under node_modules), each resource kind's provider is the export of a
 * module of its own (provider/dynamic/), which Pulumi's serializer writes as one `require` of that
 * module by package name: about 300 bytes, and upgrading the package changes behaviour without
 * changing `__provider`. package.json exports those modules under their file paths, which is the
 * specifier the serializer falls back to when it cannot map a path through `exports` (it resolves the
 * package from `@pulumi/pulumi`'s directory, which fails under pnpm, for one).
 *
 * Anywhere else (this repository's own programs and tests) Pulumi would serialize such a module by
 * value, so the provider is a thin shim whose methods load the implementation with `require` at call
 * time, by package name and, failing that, by the absolute path of the compiled registry recorded
 * when the program ran. Stacks created by earlier versions hold that shim's text too, which is why
 * the registry stays exported.
 */
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { warnIfProviderHostUnresolvable } from "../automation";

/** Absolute path of the compiled registry of implementations. */
const REGISTRY_PATH = path.join(__dirname, "..", "implementations.js");

/**
 * Whether this file was loaded from under node_modules: the test Pulumi's serializer applies to
 * decide between a `require` and serializing a module by value.
 */
const INSTALLED_AS_PACKAGE = __filename.split(path.sep).includes("node_modules");

/**
 * One shim per resource kind: Pulumi caches a provider's serialization by object identity, and
 * serializing a closure costs milliseconds, so a fresh shim per resource would serialize it again for
 * every resource a program declares.
 */
const shims = new Map<string, pulumi.dynamic.ResourceProvider>();

/**
 * The provider to give `pulumi.dynamic.Resource` for `resource`: when installed as a package, the
 * export of its provider/dynamic module, whose path is part of the package's contract from now on
 * (stored states name it, and the engine loads a removed resource's provider from its state to delete
 * it); else a shim that delegates every call to `providerImplementations[resource]`.
 */
export function serializableProvider(resource: string): pulumi.dynamic.ResourceProvider {
  // Loaded here, not at the top: the registry loads the resource modules, which load this one.
  const { providerImplementations } = require("../implementations") as typeof import("../implementations");
  const provider = providerImplementations[resource];
  if (!provider) throw new Error(`no provider implementation for resource kind "${resource}"`);
  // The host that runs this provider resolves its modules from the program directory: say so before
  // the engine fails with a bare "Cannot find module" (provider/automation.ts).
  warnIfProviderHostUnresolvable(INSTALLED_AS_PACKAGE);
  if (INSTALLED_AS_PACKAGE) return provider;
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
