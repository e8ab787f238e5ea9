/**
 * A failure after the object exists (the bulk sync was created, reading its schemas back failed) is
 * reported as a resource that failed to initialize: the error carries the id and the state to record,
 * including the serialized provider, so the next `pulumi up` updates the object instead of creating
 * another.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { configureProvider, resetRuntime } from "../../provider/client/runtime";
import { ResourceInitError } from "../../provider/internal/initFailure";
import { type BulkSyncInputs, bulkSyncProvider } from "../../provider/resources/bulkSync";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, schemaCacheDelayMs: 0 });
  await resetRuntime();
  const values: Record<string, string> = { "polytomic:apiKey": emu.apiKey, "polytomic:baseUrl": emu.url };
  configureProvider({ get: (key) => values[key] });
});
afterAll(async () => {
  await resetRuntime();
  await emu.close();
});

async function connection(
  name: string,
  type: string,
  configuration: Record<string, unknown>,
): Promise<string> {
  const response = await fetch(`${emu.url}/api/connections`, {
    method: "POST",
    headers: { authorization: `Bearer ${emu.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ name, type, configuration }),
  });
  return ((await response.json()) as { data: { id: string } }).data.id;
}

it("turns a failed follow-up after POST into an init failure that keeps the object in the stack", async () => {
  const source = await connection("stripe", "stripe", { api_key: "sk_test_init" });
  const destination = await connection("bucket", "s3", {
    auth_mode: "access_key_and_secret",
    aws_access_key_id: "AKIA",
    aws_secret_access_key: "init-secret",
    s3_bucket_region: "us-east-1",
    s3_bucket_name: "b",
  });
  const inputs = {
    resourceUrn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:BulkSync::billing",
    name: "billing",
    sourceConnectionId: source,
    destinationConnectionId: destination,
    schedule: { frequency: "manual" },
    destinationConfiguration: { format: "csv" },
    schemas: ["customers"],
    __provider: "serialized-provider-text",
  } as BulkSyncInputs;
  emu.faults.failNext("GET /api/bulk/syncs/", { kind: "status", status: 500 });
  const error = await bulkSyncProvider.create?.(inputs).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ResourceInitError);
  const init = error as ResourceInitError;
  const [created] = emu.store.list("bulkSyncs") as { id: string }[];
  expect(init.id).toBe(created?.id);
  expect(init.properties).toMatchObject({ bulkSyncId: created?.id, __provider: "serialized-provider-text" });
  expect(init.message).toMatch(/^BulkSync "billing": created as .* run `pulumi up` again/);
  expect(init.reasons).toHaveLength(1);
  expect(emu.store.list("bulkSyncs")).toHaveLength(1);
});
