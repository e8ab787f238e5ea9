/**
 * Provider settings from stack configuration (`polytomic:*`) or, failing that, the environment
 * (`POLYTOMIC_*`). The API key is never a resource input.
 */
import type { ApiVersion, ClientSettings } from "./client/client";
import { PolytomicError } from "./client/errors";

/** Anything with a `get` like Pulumi's dynamic-provider config. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

const VERSIONS: readonly ApiVersion[] = ["2024-02-08", "2025-09-18"];

function setting(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv,
  key: string,
  envName: string,
): string | undefined {
  const fromConfig = config?.get(`polytomic:${key}`);
  return fromConfig !== undefined && fromConfig !== "" ? fromConfig : env[envName] || undefined;
}

function configurationError(message: string): PolytomicError {
  return new PolytomicError(message, { code: "configuration" });
}

/** Resolves and validates the settings; errors name the setting and both ways to set it. */
export function resolveSettings(config: ConfigSource | undefined, env: NodeJS.ProcessEnv): ClientSettings {
  const apiKey = setting(config, env, "apiKey", "POLYTOMIC_API_KEY");
  if (!apiKey) {
    throw configurationError(
      "Polytomic API key missing: set it with `pulumi config set --secret polytomic:apiKey <key>` or the POLYTOMIC_API_KEY environment variable",
    );
  }
  const baseUrl = setting(config, env, "baseUrl", "POLYTOMIC_BASE_URL") ?? "https://app.polytomic.com";
  try {
    const parsed = new URL(baseUrl);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http(s)");
  } catch {
    throw configurationError(
      `polytomic:baseUrl (POLYTOMIC_BASE_URL) must be an http(s) URL, not "${baseUrl}"`,
    );
  }
  const version = setting(config, env, "apiVersion", "POLYTOMIC_API_VERSION") ?? "2025-09-18";
  if (!VERSIONS.includes(version as ApiVersion)) {
    throw configurationError(
      `polytomic:apiVersion (POLYTOMIC_API_VERSION) must be one of ${VERSIONS.join(", ")}, not "${version}"`,
    );
  }
  const organizationId = setting(config, env, "organizationId", "POLYTOMIC_ORGANIZATION_ID");
  return {
    apiKey,
    baseUrl,
    apiVersion: version as ApiVersion,
    ...(organizationId ? { organizationId } : {}),
  };
}
