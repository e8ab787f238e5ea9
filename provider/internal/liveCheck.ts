/**
 * Checks against the API during `check`, when the ids they need are already known (existing
 * connections, or values from config): whether a bulk sync's schemas and fields exist on its source,
 * whether a model's configuration resolves on its connection, and whether a model sync's target object,
 * modes and fields allow what the program asks. Answers are cached per provider process. A key the API
 * refuses, or a provider setting set wrongly, fails the check (`up` would fail on it); when the API
 * cannot be reached, or no API key is set at all, the checks are skipped with a warning naming what was
 * not checked: `create` will report the same problems.
 */
import { isPolytomicError } from "../client/errors";
import { cached, getClient } from "../client/runtime";
import { isApiKeyUnset } from "../config";
import { type Failures, isUnknown } from "./check";
import { warn } from "./diagnostics";
import { noteSchemaCacheFilled } from "./schemaCache";

/** A source schema with its fields. */
export interface LiveSchema {
  readonly id: string;
  readonly fields?: readonly { readonly id: string }[];
}

/** A target object's mode. */
export interface LiveMode {
  readonly id: string;
  readonly requires_identity: boolean;
}

/** A target field. */
export interface LiveTargetField {
  readonly id: string;
  /** Whether a record of the object needs a value for this field to be created (advice: the API accepts a sync without it). */
  readonly required?: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly supports_identity: boolean;
  readonly identity_functions?: readonly { readonly id: string }[];
}

/** True when `id` is a real value (not unknown during preview, not empty). */
export function known(id: unknown): id is string {
  return typeof id === "string" && id !== "" && !isUnknown(id);
}

/**
 * Why the API did not answer a check's question: it refused the key, it could not be reached (or no
 * key is set to ask it with), or a provider setting is wrong so no request was sent.
 */
export type Unanswered = {
  readonly unanswered: "refused" | "unreachable" | "misconfigured";
  readonly reason: string;
};

/**
 * Classifies an error of a check's API request: a refused key (401/403), an API that cannot answer
 * (network, timeout, 5xx and 429 after retries, no API key set), or a provider setting set wrongly
 * (the settings' own message, which names the setting and never the key). Undefined for any other
 * error, which the caller handles as before.
 */
export function unansweredBy(err: unknown): Unanswered | undefined {
  if (!isPolytomicError(err)) return undefined;
  if (err.code === "unauthorized" || err.code === "forbidden")
    return {
      unanswered: "refused",
      reason: `${err.status ?? (err.code === "forbidden" ? 403 : 401)} ${err.code}`,
    };
  // Set but wrong, `up` fails on it whatever the API would say; unset, a preview without credentials
  // still runs its offline checks.
  if (err.code === "configuration" && !isApiKeyUnset(err))
    return { unanswered: "misconfigured", reason: err.message };
  if (["connection", "timeout", "server", "rate_limited", "configuration"].includes(err.code))
    return { unanswered: "unreachable", reason: err.message };
  return undefined;
}

/** The check failure's reason for a refused key: what happened and how to set the key, never the key. */
export function refusedKeyReason(status: string): string {
  return (
    `could not be checked: the Polytomic API refused the API key (${status}); set a valid key with ` +
    "`pulumi config set --secret polytomic:apiKey <key>` or the POLYTOMIC_API_KEY environment variable"
  );
}

/**
 * Reports an unanswered check question: a check failure on `property` when the key was refused or a
 * setting is wrong (once per `failures`: the first property that met it), else a warning on `urn`
 * naming what was not checked, `label` (`Connection "x"`) first.
 */
export async function reportUnanswered(
  failures: Failures,
  label: string,
  property: string,
  what: string,
  urn: unknown,
  u: Unanswered,
): Promise<void> {
  if (u.unanswered !== "unreachable") {
    const refused = u.unanswered === "refused";
    const reason = refused ? refusedKeyReason(u.reason) : `could not be checked: ${u.reason}`;
    const said = refused ? "refused the API key" : reason;
    if (!failures.list.some((f) => f.reason.includes(said))) failures.add(property, reason);
    return;
  }
  await warn(String(urn ?? ""), `${label}: ${what} not checked against the API (unreachable: ${u.reason})`);
}

/** Whether `value` is an {@link Unanswered}. */
export function isUnanswered(value: unknown): value is Unanswered {
  return typeof value === "object" && value !== null && "unanswered" in value;
}

/**
 * Runs `load`: its value, why the API did not answer (a refused key, an API that cannot be reached),
 * or undefined for any other failure (no conclusion either way), rethrowing nothing.
 */
async function askApi<T>(load: () => Promise<T>): Promise<T | Unanswered | undefined> {
  try {
    return await load();
  } catch (err) {
    return unansweredBy(err);
  }
}

/** {@link askApi}, with `"not found"` when the API answers 404: the id in the path names nothing. */
async function askApiAbout<T>(load: () => Promise<T>): Promise<T | "not found" | Unanswered | undefined> {
  try {
    return await load();
  } catch (err) {
    if (isPolytomicError(err) && err.code === "not_found") return "not found";
    return unansweredBy(err);
  }
}

/** The answer when there is one; undefined when the API did not answer. */
function answerOnly<T>(answer: T | Unanswered | undefined): T | undefined {
  return isUnanswered(answer) ? undefined : answer;
}

/** The cached source schemas of a bulk-sync source; undefined when unknown or not cached yet. */
export async function sourceSchemas(connectionId: string): Promise<LiveSchema[] | undefined> {
  return answerOnly(await askSourceSchemas(connectionId));
}

/** {@link sourceSchemas}, or why the API did not answer. */
export async function askSourceSchemas(connectionId: string): Promise<LiveSchema[] | Unanswered | undefined> {
  return askApi(() =>
    cached(`bulk-source:${connectionId}`, async () => {
      const response = await getClient().request<{ data: { schemas: LiveSchema[] | null } }>(
        "GET",
        `/api/connections/${encodeURIComponent(connectionId)}/bulksync/source`,
        { query: { include_fields: "true" } },
      );
      const schemas = response.data.schemas ?? [];
      // An empty list means "not cached yet", not "no schemas": no conclusion either way.
      if (schemas.length === 0) throw new Error("not cached");
      noteSchemaCacheFilled(connectionId);
      return schemas;
    }),
  );
}

/**
 * What the API says about a model configuration on a connection: the field ids, or the API's message
 * when it refuses (a 4xx naming the configuration key), `"not found"` when no connection has that id,
 * or why it did not answer (a refused key, an API that cannot be reached), or undefined when it cannot
 * tell.
 */
export async function modelSourceFields(
  connectionId: string,
  configuration: Record<string, unknown>,
): Promise<{ fields: string[] } | { problem: string } | "not found" | Unanswered | undefined> {
  const params: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(configuration)) {
    if (isUnknown(value)) return undefined;
    if (value !== undefined && value !== null) params[key] = [String(value)];
  }
  try {
    const response = await getClient().request<{ data: { id: string }[] | null }>(
      "GET",
      `/api/connections/${encodeURIComponent(connectionId)}/modelsync/source/fields`,
      { query: { params: JSON.stringify(params) } },
    );
    return { fields: (response.data ?? []).map((f) => f.id) };
  } catch (err) {
    if (isPolytomicError(err) && (err.status === 400 || err.status === 422) && err.apiMessage)
      return { problem: err.apiMessage };
    if (isPolytomicError(err) && err.code === "not_found") return "not found";
    return unansweredBy(err);
  }
}

/**
 * The fields of an existing model as the API holds it now (ids and names, which a mapping's `field`
 * may give), `"not found"` when no model has that id, or why the API did not answer; undefined when it
 * cannot tell. Not cached: the caller asks once per check, and a model may change between checks.
 */
export async function modelFields(
  modelId: string,
): Promise<
  { readonly name: string; readonly fields: readonly string[] } | "not found" | Unanswered | undefined
> {
  return askApiAbout(async () => {
    const response = await getClient().request<{
      data: { name?: string; fields?: { id: string; name?: string }[] | null };
    }>("GET", `/api/models/${encodeURIComponent(modelId)}`);
    const fields = (response.data.fields ?? []).flatMap((f) => [f.id, ...(f.name ? [f.name] : [])]);
    return { name: response.data.name ?? modelId, fields: [...new Set(fields)] };
  });
}

/** Whether the object at `path` (e.g. `/api/syncs/<id>`) exists: "found", "not found", or why the API did not answer. */
export async function existence(path: string): Promise<"found" | "not found" | Unanswered | undefined> {
  return askApiAbout(async () => {
    await getClient().request("GET", path);
    return "found" as const;
  });
}

/**
 * A target connection's objects with their modes, `"not found"` when no connection has that id, or
 * why the API did not answer; undefined when it cannot tell.
 */
export async function targetObjects(
  connectionId: string,
): Promise<{ id: string; modes: LiveMode[] }[] | "not found" | Unanswered | undefined> {
  return askApiAbout(() =>
    cached(`target-objects:${connectionId}`, async () => {
      const response = await getClient().request<{ data: { id: string; modes: LiveMode[] }[] | null }>(
        "GET",
        `/api/connections/${encodeURIComponent(connectionId)}/modelsync/targetobjects`,
      );
      return response.data ?? [];
    }),
  );
}

/** The fields of one target object. */
export async function targetFields(
  connectionId: string,
  object: string,
): Promise<LiveTargetField[] | Unanswered | undefined> {
  return askApi(() =>
    cached(`target-fields:${connectionId}:${object}`, async () => {
      const response = await getClient().request<{ data: { fields: LiveTargetField[] | null } }>(
        "GET",
        `/api/connections/${encodeURIComponent(connectionId)}/modelsync/target/fields`,
        { query: { target: object } },
      );
      return response.data.fields ?? [];
    }),
  );
}
