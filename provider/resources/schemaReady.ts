/**
 * SchemaReady: waits until a connection's schema cache is ready and outputs the schemas it offers.
 * Components put it between a connection and the syncs that need its schemas.
 *
 * Endpoints: GET /api/connections/{id}/schemas/status (polled), GET /api/connections/{id}/bulksync/source.
 */
import type * as pulumi from "@pulumi/pulumi";
import { PolytomicError } from "../client/errors";
import { configureProvider, getClient } from "../client/runtime";
import { Failures, isUnknown, nameFromUrn } from "../internal/check";
import { diffProps } from "../internal/diff";
import { encodable } from "../internal/encodable";
import { unlessNotFound } from "../internal/notFound";
import { WaitProgress } from "../internal/progress";
import { pollSchemaCache, schemaCacheStep } from "../internal/schemaCache";

/** Type token: `pulumi-nodejs:dynamic/polytomic:SchemaReady`. */
export const SCHEMA_READY_TYPE = "pulumi-nodejs:dynamic/polytomic:SchemaReady";

/** Arguments of a {@link SchemaReady}. */
export interface SchemaReadyArgs {
  /** The connection whose schema cache to wait for. Changing this forces replacement. */
  readonly connectionId: pulumi.Input<string>;
  /** How long to wait before failing, in seconds; default 300. */
  readonly timeoutSeconds?: pulumi.Input<number>;
  /**
   * The connection's pending OAuth URL (its `authUrl` output). While the connection waits for OAuth,
   * the timeout message tells the user to open it; re-running `pulumi up` afterwards continues.
   */
  readonly authUrl?: pulumi.Input<string | undefined>;
}

/** The provider's view of the inputs. */
export interface SchemaReadyInputs {
  resourceUrn: string;
  connectionId: string;
  timeoutSeconds?: number;
  authUrl?: string;
}

/** Outputs: the schemas the connection offers once cached. */
export interface SchemaReadyOutputs extends SchemaReadyInputs {
  /** Ids of the source schemas (objects, tables, files, collections). */
  schemaIds: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the connection is healthy. An OAuth connection is not until someone opens its auth URL:
 * the wait says so at once with the URL (and again every 30 s), and goes on by itself once authorized;
 * on timeout the message names the URL and says how to continue.
 */
async function waitForHealthy(
  connectionId: string,
  deadline: number,
  label: string,
  progress: WaitProgress,
  authUrl?: string,
): Promise<void> {
  const client = getClient();
  const started = Date.now();
  let delay = 250;
  for (;;) {
    const { data } = await client.request<{ data: { status?: string; status_error?: string } }>(
      "GET",
      `/api/connections/${connectionId}`,
    );
    if (data.status === "healthy") return;
    if (Date.now() + delay > deadline) {
      const why = data.status_error ? ` (${data.status_error})` : "";
      const action = authUrl
        ? `open ${authUrl} in a browser to authorize it, then run \`pulumi up\` again: the update continues from here`
        : "fix the connection in Polytomic, then run `pulumi up` again";
      const waited = Math.round((Date.now() - started) / 1000);
      throw new PolytomicError(
        `${label}: connection ${connectionId} is not healthy${why} after ${waited}s; ${action}`,
        {
          code: "timeout",
        },
      );
    }
    progress.note(
      authUrl
        ? `connection ${connectionId} waits for OAuth authorization: open ${authUrl} in a browser; the update goes on once it is authorized`
        : `connection ${connectionId} is not healthy yet (${data.status ?? "no status"}${data.status_error ? `: ${data.status_error}` : ""})`,
    );
    await sleep(delay);
    delay = Math.min(delay * 2, 5000);
  }
}

/**
 * Polls the schema status with backoff until ready, saying what it waits for while it waits; throws an
 * actionable error on timeout.
 * @param urn - the waiting resource's URN, which progress messages are attached to.
 */
export async function waitForSchemas(
  connectionId: string,
  timeoutSeconds: number,
  label: string,
  urn: string,
  authUrl?: string,
): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const progress = new WaitProgress(urn, label, deadline);
  await waitForHealthy(connectionId, deadline, label, progress, authUrl || undefined);
  const stillWaiting = await pollSchemaCache(connectionId, deadline, (status) =>
    progress.note(schemaCacheStep(connectionId, status)),
  );
  if (stillWaiting) {
    throw new PolytomicError(
      `${label}: the schema cache of connection ${connectionId} is still "${stillWaiting.cache_status}" after ${timeoutSeconds}s; ` +
        "run `pulumi up` again to keep waiting",
      { code: "timeout" },
    );
  }
}

async function schemaIds(connectionId: string): Promise<string[]> {
  const response = await getClient().request<{ data: { schemas?: { id: string }[] | null } }>(
    "GET",
    `/api/connections/${connectionId}/bulksync/source`,
  );
  return (response.data.schemas ?? []).map((s) => s.id).sort();
}

/** The implementation behind the shim. */
export const schemaReadyProvider: pulumi.dynamic.ResourceProvider<SchemaReadyInputs, SchemaReadyOutputs> =
  encodable({
    async configure(req) {
      configureProvider(req.config);
    },
    async check(_olds, news) {
      const failures = new Failures("SchemaReady", nameFromUrn(news.resourceUrn));
      failures.requireString("connectionId", news.connectionId);
      const timeout = news.timeoutSeconds;
      if (timeout !== undefined && !isUnknown(timeout) && !(typeof timeout === "number" && timeout > 0)) {
        failures.add("timeoutSeconds", "must be a positive number of seconds");
      }
      return failures.list.length > 0 ? { failures: failures.list } : { inputs: news };
    },
    async diff(_id, olds, news) {
      return diffProps(
        olds as unknown as Record<string, unknown>,
        news as unknown as Record<string, unknown>,
        ["connectionId", "timeoutSeconds"],
        ["connectionId"],
      );
    },
    async create(inputs) {
      await waitForSchemas(
        inputs.connectionId,
        inputs.timeoutSeconds ?? 300,
        `SchemaReady "${nameFromUrn(inputs.resourceUrn)}"`,
        inputs.resourceUrn,
        inputs.authUrl,
      );
      return {
        id: `${inputs.connectionId}/schemas`,
        outs: { ...inputs, schemaIds: await schemaIds(inputs.connectionId) },
      };
    },
    async read(id, props) {
      const known = props as SchemaReadyOutputs;
      const ids = await unlessNotFound(() => schemaIds(known.connectionId));
      return ids ? { id, props: { ...known, schemaIds: ids } } : {};
    },
    async update(_id, _olds, news) {
      return { outs: { ...news, schemaIds: await schemaIds(news.connectionId) } };
    },
    async delete() {
      // Nothing exists on the Polytomic side.
    },
  });
