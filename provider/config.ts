/**
 * Provider settings from stack configuration (`polytomic:*`, set with `pulumi config set`) or,
 * failing that, the environment (`POLYTOMIC_*`). The API key is never a resource input, so it never
 * lands in a serialized provider or in resource state.
 */
import { isPolytomicError, PolytomicError } from "./client/errors";
import { redactString } from "./client/redact";
import { API_VERSIONS, type ApiVersion, type ClientSettings } from "./client/types";

/** Anything with a `get` like the config a dynamic provider's `configure` receives. */
export interface ConfigSource {
  /** The value of a full `namespace:key` config key, or undefined when unset. */
  get(key: string): string | undefined;
  /** Where the value of `key` came from, for messages; default `stack config <key>`. */
  describe?(key: string): string;
}

/** One setting and the two ways to set it. */
interface Setting {
  readonly configKey: string;
  readonly envVar: string;
  readonly secret?: boolean;
}

/** Every setting the provider reads. */
export const SETTINGS = {
  apiKey: { configKey: "polytomic:apiKey", envVar: "POLYTOMIC_API_KEY", secret: true },
  baseUrl: { configKey: "polytomic:baseUrl", envVar: "POLYTOMIC_BASE_URL" },
  apiVersion: { configKey: "polytomic:apiVersion", envVar: "POLYTOMIC_API_VERSION" },
  organizationId: { configKey: "polytomic:organizationId", envVar: "POLYTOMIC_ORGANIZATION_ID" },
  allowCleartextHttp: { configKey: "polytomic:allowCleartextHttp", envVar: "POLYTOMIC_ALLOW_CLEARTEXT_HTTP" },
} as const satisfies Record<string, Setting>;

/** The API the provider talks to unless told otherwise. */
export const DEFAULT_BASE_URL = "https://app.polytomic.com";
/** The API version the provider requests unless told otherwise. */
export const DEFAULT_API_VERSION: ApiVersion = "2025-09-18";
/** In-flight requests per provider process unless `POLYTOMIC_MAX_CONCURRENCY` says otherwise. */
export const DEFAULT_MAX_CONCURRENCY = 8;

/** A value and where it came from, for error messages. */
interface Found {
  readonly value: string;
  readonly from: string;
}

// Stack config wins; blank values count as unset so an empty env var does not mask a default.
function lookup(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv,
  setting: Setting,
): Found | undefined {
  const fromConfig = config?.get(setting.configKey)?.trim();
  if (fromConfig)
    return {
      value: fromConfig,
      from: config?.describe?.(setting.configKey) ?? `stack config ${setting.configKey}`,
    };
  const fromEnv = env[setting.envVar]?.trim();
  if (fromEnv) return { value: fromEnv, from: `environment variable ${setting.envVar}` };
  return undefined;
}

function howToSet(setting: Setting, example: string): string {
  const flag = setting.secret ? " --secret" : "";
  return `set it with \`pulumi config set${flag} ${setting.configKey} ${example}\` or the ${setting.envVar} environment variable`;
}

function configurationError(message: string): PolytomicError {
  return new PolytomicError(message, { code: "configuration" });
}

/**
 * Whether `err` is {@link resolveSettings}' error for an API key set nowhere, as opposed to a setting
 * set wrongly: a preview without credentials still runs its offline checks, while a wrong setting
 * fails it. A plain property, not a class, since each serialized provider loads its own copy of this
 * module.
 */
export function isApiKeyUnset(err: unknown): boolean {
  return (
    isPolytomicError(err) &&
    err.code === "configuration" &&
    (err as { unsetSetting?: unknown }).unsetSetting === SETTINGS.apiKey.configKey
  );
}

/**
 * Resolves and validates the settings: stack config over environment, then defaults.
 *
 * @param config - the stack config from `configure`, if any.
 * @param env - the environment, normally `process.env`.
 * @throws PolytomicError with code `configuration` naming the setting and both ways to set it; the
 * API key itself is never part of the message.
 */
export function resolveSettings(config: ConfigSource | undefined, env: NodeJS.ProcessEnv): ClientSettings {
  const apiKey = lookup(config, env, SETTINGS.apiKey)?.value;
  if (!apiKey) {
    throw Object.assign(
      configurationError(`The Polytomic API key is not set: ${howToSet(SETTINGS.apiKey, "<key>")}.`),
      { unsetSetting: SETTINGS.apiKey.configKey },
    );
  }
  const shown = (value: string) => JSON.stringify(redactString(value, { secrets: [apiKey] }));

  const cleartextAllowed = allowCleartextHttp(config, env, shown);
  const baseUrl = lookup(config, env, SETTINGS.baseUrl);
  if (baseUrl) {
    const problem = baseUrlProblem(baseUrl.value);
    if (problem) {
      throw configurationError(
        `Invalid Polytomic base URL ${shown(baseUrl.value)} from ${baseUrl.from}: ${problem}; ` +
          `${howToSet(SETTINGS.baseUrl, DEFAULT_BASE_URL)}.`,
      );
    }
    const url = new URL(baseUrl.value);
    if (url.protocol === "http:" && !cleartextAllowed && !isLoopback(url.hostname)) {
      const allow = SETTINGS.allowCleartextHttp;
      const https = redactString(baseUrl.value.replace(/^http:/i, "https:"), { secrets: [apiKey] });
      throw configurationError(
        `Refusing Polytomic base URL ${shown(baseUrl.value)} from ${baseUrl.from}: it is plain http:// to host ` +
          `${shown(url.host)}, so the API key would travel unencrypted. Use https:// instead ` +
          `(${howToSet(SETTINGS.baseUrl, https)}), or, if the network to that host is trusted, ` +
          `allow it with \`pulumi config set ${allow.configKey} true\` or ${allow.envVar}=true.`,
      );
    }
  }

  const version = lookup(config, env, SETTINGS.apiVersion);
  if (version && !API_VERSIONS.includes(version.value as ApiVersion)) {
    throw configurationError(
      `Unsupported Polytomic API version ${shown(version.value)} from ${version.from}: use one of ` +
        `${API_VERSIONS.join(", ")}; ${howToSet(SETTINGS.apiVersion, DEFAULT_API_VERSION)}.`,
    );
  }

  const organizationId = lookup(config, env, SETTINGS.organizationId)?.value;
  return {
    apiKey,
    baseUrl: baseUrl?.value ?? DEFAULT_BASE_URL,
    apiVersion: (version?.value ?? DEFAULT_API_VERSION) as ApiVersion,
    ...(organizationId ? { organizationId } : {}),
  };
}

/** Why `value` cannot be the base URL, or undefined when it can. */
function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "not a URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "use http:// or https://";
  // Credentials in a URL end up in logs and error messages; the API key is the only credential.
  if (url.username || url.password) return "remove the credentials from the URL";
  if (url.search || url.hash) return "remove the query string and fragment";
  return undefined;
}

/**
 * Whether `hostname` (as `URL` normalizes it: lower case, IPv4 dotted, IPv6 in brackets) is this
 * machine: a request there never crosses a network, so plain http cannot expose the key.
 */
function isLoopback(hostname: string): boolean {
  if (hostname === "localhost" || hostname === "[::1]") return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * `polytomic:allowCleartextHttp` / POLYTOMIC_ALLOW_CLEARTEXT_HTTP: false unless set to `true`.
 * @throws PolytomicError with code `configuration` for anything but `true` or `false`, rather than
 * guessing which way a typo was meant.
 */
function allowCleartextHttp(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv,
  shown: (value: string) => string,
): boolean {
  const found = lookup(config, env, SETTINGS.allowCleartextHttp);
  if (!found) return false;
  const value = found.value.toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  throw configurationError(
    `Invalid ${SETTINGS.allowCleartextHttp.configKey} ${shown(found.value)} from ${found.from}: use true or false; ` +
      `${howToSet(SETTINGS.allowCleartextHttp, "true")}.`,
  );
}

/**
 * How many requests one provider process may have in flight, from `POLYTOMIC_MAX_CONCURRENCY`.
 * @throws PolytomicError with code `configuration` when it is set but not a positive integer.
 */
export function resolveMaxConcurrency(env: NodeJS.ProcessEnv): number {
  const raw = env.POLYTOMIC_MAX_CONCURRENCY?.trim();
  if (!raw) return DEFAULT_MAX_CONCURRENCY;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw configurationError(
      `POLYTOMIC_MAX_CONCURRENCY must be a positive integer, not ${JSON.stringify(raw)}; unset it for the default of ${DEFAULT_MAX_CONCURRENCY}.`,
    );
  }
  return n;
}
