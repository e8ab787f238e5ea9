/**
 * Components under `pulumi.runtime.setMocks`: the exact child types, names and parents, the wiring
 * between children (every child's `urn` awaited, so each really registered), and argument validation
 * called directly. Uses the compiled package and its own copy of @pulumi/pulumi, as a program would.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const load = createRequire(path.join(root, "package.json"));
const pulumi = load("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
const polytomic = load(path.join(root, "dist/index.js")) as typeof import("../../index");

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
const registered: Registered[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        const state: Record<string, unknown> = { ...args.inputs };
        if (
          args.type.endsWith(":Connection") &&
          args.inputs.type === "salesforce" &&
          (args.inputs.configuration as { connect_mode?: string })?.connect_mode === undefined
        )
          state.authUrl = `https://emulator.test/oauth/authorize/${args.name}`;
        if (args.type.endsWith(":SchemaReady")) state.schemaIds = ["Account", "Contact"];
        if (args.type.endsWith(":Model")) state.fieldIds = ["email", "first_name", "last_name"];
        return { id: `${args.name}-id`, state };
      },
      call: () => ({}),
    },
    "project",
    "stack",
    false,
  );
});

/** Records each child constructed under the component (type, name, parent) through a transformation. */
function recorder() {
  const children: {
    type: string;
    name: string;
    parent: string | undefined;
    resource: import("@pulumi/pulumi").Resource;
  }[] = [];
  const transformations = [
    (args: import("@pulumi/pulumi").ResourceTransformationArgs) => {
      // Transformations also see the component itself; only its children are recorded.
      if (args.type.startsWith("polytomic:components:")) return undefined;
      children.push({
        type: args.type,
        name: args.name,
        parent: (args.opts.parent as { __name?: string } | undefined)?.__name,
        resource: args.resource,
      });
      return undefined;
    },
  ];
  return { children, transformations };
}

const output = <T>(o: import("@pulumi/pulumi").Output<T>) =>
  new Promise<T>((resolve) => {
    o.apply((v) => {
      resolve(v);
      return v;
    });
  });
const inputsOf = (name: string) => registered.find((r) => r.name === name)?.inputs ?? {};

describe("SalesforceToSnowflakeBulkSync", () => {
  it("creates two connections, a schema wait and the bulk sync, named after the component and parented to it", async () => {
    const { children, transformations } = recorder();
    const c = new polytomic.SalesforceToSnowflakeBulkSync(
      "crm",
      {
        salesforce: { configuration: { domain: "acme.my.salesforce.com" } },
        snowflake: { configuration: { account: "a", username: "u", password: "p", dbname: "RAW" } },
        destinationSchema: "SALESFORCE",
        objects: ["Account", { id: "Contact", fields: ["Id", "Email"] }],
        schedule: { frequency: "daily", hour: "2", minute: "0" },
      },
      { transformations },
    );
    const urns = await Promise.all(children.map((child) => output(child.resource.urn)));
    expect(children.map((child) => [child.type, child.name, child.parent])).toEqual([
      ["pulumi-nodejs:dynamic/polytomic:Connection", "crm-source", "crm"],
      ["pulumi-nodejs:dynamic/polytomic:Connection", "crm-destination", "crm"],
      ["pulumi-nodejs:dynamic/polytomic:SchemaReady", "crm-source-schemas", "crm"],
      ["pulumi-nodejs:dynamic/polytomic:BulkSync", "crm-sync", "crm"],
    ]);
    for (const urn of urns) expect(urn).toContain("polytomic:components:SalesforceToSnowflakeBulkSync$");
    // The wait exists (it is created only once the source is authorized): nothing is pending.
    expect(await output(c.authUrl)).toBe("");
    expect(await output(c.bulkSyncId)).toBe("crm-sync-id");
    expect(inputsOf("crm-source")).toMatchObject({ type: "salesforce" });
    expect(inputsOf("crm-destination")).toMatchObject({ type: "snowflake" });
    expect(inputsOf("crm-source-schemas")).toMatchObject({
      connectionId: "crm-source-id",
      authUrl: "https://emulator.test/oauth/authorize/crm-source",
    });
    expect(inputsOf("crm-sync")).toMatchObject({
      sourceConnectionId: "crm-source-id",
      destinationConnectionId: "crm-destination-id",
      destinationConfiguration: { schema: "SALESFORCE" },
      schemas: ["Account", { id: "Contact", fields: ["Id", "Email"] }],
    });
  });

  it("takes existing connections by id and creates only the wait and the sync", async () => {
    const { children, transformations } = recorder();
    const c = new polytomic.SalesforceToSnowflakeBulkSync(
      "reuse",
      {
        salesforce: { connectionId: "sf-existing" },
        snowflake: { connectionId: "sn-existing" },
        destinationSchema: "RAW",
      },
      { transformations },
    );
    await Promise.all(children.map((child) => output(child.resource.urn)));
    expect(children.map((child) => child.name)).toEqual(["reuse-source-schemas", "reuse-sync"]);
    expect(await output(c.sourceConnectionId)).toBe("sf-existing");
    expect(await output(c.authUrl)).toBe("");
    expect(inputsOf("reuse-sync")).toMatchObject({
      sourceConnectionId: "sf-existing",
      destinationConnectionId: "sn-existing",
    });
  });
});

describe("SalesforceToS3BulkSync", () => {
  it("writes the chosen file format to the bucket", async () => {
    const { children, transformations } = recorder();
    new polytomic.SalesforceToS3BulkSync(
      "lake",
      {
        salesforce: { connectionId: "sf" },
        s3: {
          configuration: {
            auth_mode: "access_key_and_secret",
            aws_access_key_id: "AKIA",
            aws_secret_access_key: "s",
            s3_bucket_name: "b",
            s3_bucket_region: "us-east-1",
          },
        },
        format: "parquet",
      },
      { transformations },
    );
    await Promise.all(children.map((child) => output(child.resource.urn)));
    expect(children.map((child) => child.name)).toEqual([
      "lake-destination",
      "lake-source-schemas",
      "lake-sync",
    ]);
    expect(inputsOf("lake-sync")).toMatchObject({ destinationConfiguration: { format: "parquet" } });
  });
});

describe("ModelSyncPipeline presets", () => {
  it("GcsToSalesforceContacts: connections, two waits, a single_file model and an updateOrCreate sync on email", async () => {
    const { children, transformations } = recorder();
    const c = new polytomic.GcsToSalesforceContacts(
      "contacts",
      {
        gcs: { configuration: { bucket: "b", service_account: "{}" } },
        salesforce: { connectionId: "sf" },
        key: "high_paying_users.csv",
      },
      { transformations },
    );
    await Promise.all(children.map((child) => output(child.resource.urn)));
    expect(children.map((child) => [child.type.split(":").pop(), child.name, child.parent])).toEqual([
      ["Connection", "contacts-source", "contacts"],
      ["SchemaReady", "contacts-source-ready", "contacts"],
      ["SchemaReady", "contacts-target-ready", "contacts"],
      ["Model", "contacts-model", "contacts"],
      ["ModelSync", "contacts-sync", "contacts"],
    ]);
    expect(await output(c.syncId)).toBe("contacts-sync-id");
    expect(inputsOf("contacts-model")).toMatchObject({
      connectionId: "contacts-source-id",
      configuration: { model_from: "single_file", key: "high_paying_users.csv" },
    });
    expect(inputsOf("contacts-sync")).toMatchObject({
      mode: "updateOrCreate",
      target: { connectionId: "sf", object: "Contact" },
      identity: { source: { modelId: "contacts-model-id", field: "email" }, target: "Email" },
      fields: [
        { source: { modelId: "contacts-model-id", field: "first_name" }, target: "FirstName" },
        { source: { modelId: "contacts-model-id", field: "last_name" }, target: "LastName" },
      ],
    });
  });

  it("MongoToSalesforceContacts: a database + collection model and a create sync", async () => {
    const { children, transformations } = recorder();
    new polytomic.MongoToSalesforceContacts(
      "mongo",
      {
        mongodb: { configuration: { hosts: "m.example.net" } },
        salesforce: {
          configuration: { domain: "d", connect_mode: "api", client_id: "i", client_secret: "s" },
        },
        database: "example",
        collection: "users",
      },
      { transformations },
    );
    await Promise.all(children.map((child) => output(child.resource.urn)));
    expect(children).toHaveLength(6);
    expect(inputsOf("mongo-model")).toMatchObject({
      configuration: { database: "example", collection: "users" },
    });
    expect(inputsOf("mongo-sync")).toMatchObject({
      mode: "create",
      target: { connectionId: "mongo-target-id" },
    });
  });
});

describe("argument validation (called directly)", () => {
  const sf = { configuration: { domain: "d" } };
  it.each<[string, () => void, RegExp]>([
    [
      "both connectionId and configuration",
      () =>
        polytomic.SalesforceToSnowflakeBulkSync.validate("x", {
          salesforce: { connectionId: "a", configuration: { domain: "d" } } as never,
          snowflake: { connectionId: "b" },
          destinationSchema: "RAW",
        }),
      /^SalesforceToSnowflakeBulkSync "x": args\.salesforce: give connectionId or configuration, not both/,
    ],
    [
      "neither",
      () =>
        polytomic.SalesforceToSnowflakeBulkSync.validate("x", {
          salesforce: sf,
          snowflake: {} as never,
          destinationSchema: "RAW",
        }),
      /args\.snowflake needs connectionId/,
    ],
    [
      "empty objects",
      () =>
        polytomic.SalesforceToSnowflakeBulkSync.validate("x", {
          salesforce: sf,
          snowflake: { connectionId: "b" },
          destinationSchema: "R",
          objects: [],
        }),
      /args\.objects must list at least one object/,
    ],
    [
      "duplicate objects",
      () =>
        polytomic.SalesforceToSnowflakeBulkSync.validate("x", {
          salesforce: sf,
          snowflake: { connectionId: "b" },
          destinationSchema: "R",
          objects: ["Account", { id: "Account" }],
        }),
      /args\.objects lists "Account" twice/,
    ],
    [
      "S3 format",
      () =>
        polytomic.SalesforceToS3BulkSync.validate("x", {
          salesforce: sf,
          s3: { connectionId: "b" },
          format: "xml" as never,
        }),
      /^SalesforceToS3BulkSync "x": args\.format must be one of csv, json, parquet/,
    ],
    [
      "GCS key",
      () =>
        polytomic.GcsToSalesforceContacts.validate("x", {
          gcs: { connectionId: "g" },
          salesforce: sf,
          key: "",
        }),
      /^GcsToSalesforceContacts "x": args\.key is required/,
    ],
    [
      "identity for update modes",
      () =>
        polytomic.ModelSyncPipeline.validateArgs("x", {
          source: { connectionId: "a" },
          target: { connectionId: "b" },
          model: { configuration: { table: "t" } },
          sync: { object: "Contact", mode: "update", fields: [{ source: "a", target: "b" }] },
        }),
      /^ModelSyncPipeline "x": args\.sync\.identity is required for mode update/,
    ],
  ])("%s", (_case, run, message) => {
    expect(run).toThrow(message);
  });
});
