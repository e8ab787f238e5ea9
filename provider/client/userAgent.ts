/**
 * `User-Agent: pulumi-polytomic/<version>`, the version read from the package's own package.json.
 */

let cached: string | undefined;

/** The User-Agent header value; the package.json is read once per module copy. */
export function userAgent(): string {
  cached ??= `pulumi-polytomic/${packageVersion() ?? "unknown"}`;
  return cached;
}

// Walks up from this file because the compiled copy (dist/provider/client) and the source
// (provider/client) sit at different depths below package.json.
function packageVersion(): string | undefined {
  const fs = require("node:fs") as typeof import("node:fs");
  const path = require("node:path") as typeof import("node:path");
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    try {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "pulumi-polytomic" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // No package.json here (or not ours): keep walking.
    }
  }
  return undefined;
}
