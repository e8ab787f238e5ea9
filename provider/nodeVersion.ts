/**
 * The Node.js versions the package runs on. Its HTTP client, undici 8, declares `node >= 22.19.0`;
 * under an older Node.js it does not fail cleanly but every request errors and is retried, so a preview
 * of one connection took minutes before failing with a TypeError. The package refuses at once instead,
 * when it is loaded (by the program, and by the provider process the engine starts).
 */

/** The oldest supported Node.js, as `package.json` `engines` says. */
export const MINIMUM_NODE_VERSION = "22.19.0";

const parts = (version: string): number[] => version.split(".").map((part) => Number.parseInt(part, 10) || 0);

/** Why Node.js `version` cannot run the package, or undefined when it can. */
export function nodeVersionProblem(version: string = process.versions.node): string | undefined {
  const [major = 0, minor = 0, patch = 0] = parts(version);
  const [wantMajor = 0, wantMinor = 0, wantPatch = 0] = parts(MINIMUM_NODE_VERSION);
  const supported =
    major !== wantMajor ? major > wantMajor : minor !== wantMinor ? minor > wantMinor : patch >= wantPatch;
  if (supported) return undefined;
  return (
    `pulumi-polytomic needs Node.js ${MINIMUM_NODE_VERSION} or later (its HTTP client, undici, requires it); ` +
    `this is Node.js ${version}. Install Node.js 22 LTS or later and run the program with it ` +
    "(Pulumi starts the provider with the `node` first on PATH)."
  );
}

/** Throws {@link nodeVersionProblem}'s message under an unsupported Node.js. */
export function assertSupportedNode(version: string = process.versions.node): void {
  const problem = nodeVersionProblem(version);
  if (problem) throw new Error(problem);
}
