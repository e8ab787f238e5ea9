/**
 * Checks against the API during `check`, when the ids they need are already known (existing
 * connections, or values from config): whether a bulk sync's schemas and fields exist on its source,
 * whether a model's configuration resolves on its connection, and whether a model sync's target object,
 * modes and fields allow what the program asks. Answers are cached per provider process. When the API
 * cannot be reached the checks are skipped: `create` will report the same problems.
 */
import { isPolytomicError } from "../client/errors";
import { cached, getClient } from "../client/runtime";
import { isUnknown } from "./check";
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

/** Runs `load`; undefined when the API cannot answer (network, 5xx, auth), rethrowing nothing. */
async function tryApi<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch {
    return undefined;
  }
}

/** The cached source schemas of a bulk-sync source; undefined when unknown or not cached yet. */
export async function sourceSchemas(connectionId: string): Promise<LiveSchema[] | undefined> {
  return tryApi(() =>
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
 * when it refuses (a 4xx naming the configuration key), or undefined when it cannot tell.
 */
export async function modelSourceFields(
  connectionId: string,
  configuration: Record<string, unknown>,
): Promise<{ fields: string[] } | { problem: string } | undefined> {
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
    return undefined;
  }
}

/** A target connection's objects with their modes. */
export async function targetObjects(
  connectionId: string,
): Promise<{ id: string; modes: LiveMode[] }[] | undefined> {
  return tryApi(() =>
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
): Promise<LiveTargetField[] | undefined> {
  return tryApi(() =>
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
