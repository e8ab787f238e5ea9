/**
 * The measured graph: N Salesforce-to-Snowflake pipelines, each two connections and one bulk sync that
 * depends on both, the same shape as the floor ({@link floorProgram}). The bulk sync waits out the
 * source's schema cache itself ("No schemas found" answers), so no SchemaReady is in the graph.
 */
import type { PulumiFn } from "@pulumi/pulumi/automation";

type Package = typeof import("../index");

/** Resources per pipeline, as in the floor. */
export const RESOURCES_PER_PIPELINE = 3;

/** Pipeline `i`'s inputs: its source and destination connections, and its bulk sync between them. */
export function pipelineInputs(i: number) {
  return {
    source: {
      type: "salesforce",
      configuration: {
        domain: `acme-${i}.my.salesforce.com`,
        connect_mode: "api",
        client_id: `client-${i}`,
        client_secret: "bench-sf-secret",
      },
    },
    destination: {
      type: "snowflake",
      configuration: { account: "acme-xy12345", username: "loader", password: "bench-pass", dbname: "RAW" },
    },
    sync: <Id>(sourceConnectionId: Id, destinationConnectionId: Id) => ({
      sourceConnectionId,
      destinationConnectionId,
      mode: "replicate" as const,
      schedule: { frequency: "daily" as const, hour: String(i % 24), minute: "0" },
      destinationConfiguration: { schema: `SALESFORCE_${i}` },
      schemas: ["Account", "Contact"],
    }),
  };
}

/** A program of `n` pipelines built from the compiled package `polytomic`. */
export function pipelinesProgram(polytomic: Package, n: number): PulumiFn {
  return async () => {
    for (let i = 0; i < n; i++) {
      const inputs = pipelineInputs(i);
      const source = new polytomic.Connection(`source-${i}`, inputs.source);
      const destination = new polytomic.Connection(`destination-${i}`, inputs.destination);
      new polytomic.BulkSync(`sync-${i}`, inputs.sync(source.id, destination.id));
    }
    return {};
  };
}
