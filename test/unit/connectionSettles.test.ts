/**
 * Connection settles: every program setting is compared, drift made out of band shows on read, and
 * configuration secrets are decided by the type's JSON Schema (`sensitive`), not by key names.
 */
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { secretConfiguration } from "../../provider/internal/secrets";
import {
  type ConnectionInputs,
  type ConnectionOutputs,
  connectionProvider,
} from "../../provider/resources/connection";
import { data, rawClient } from "../contract/http";
import { providerOnEmulator, stopProviderOnEmulator } from "./providerOnEmulator";

let emu: Emulator;
beforeAll(async () => {
  emu = await providerOnEmulator();
});
afterAll(async () => {
  await stopProviderOnEmulator(emu);
});

const call = rawClient(() => emu);
/** The property path a failure's reason names (`Connection "c": configuration.port ...`). */
const pathOf = (reason: string) => /^\w+ "[^"]*": (\S+)/.exec(reason)?.[1];
const stripe = (name: string, over: Partial<ConnectionInputs> = {}): ConnectionInputs => ({
  resourceUrn: `urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:Connection::${name}`,
  name,
  type: "stripe",
  configuration: { api_key: "sk_test_settles" },
  ...over,
});

/** An S3 connection that leaves `auth_mode`, required with a default, to that default. */
const s3Lake = (name: string): ConnectionInputs =>
  stripe(name, {
    type: "s3",
    configuration: {
      aws_access_key_id: "AKIAEXAMPLE",
      aws_secret_access_key: "secret",
      s3_bucket_region: "us-east-1",
      s3_bucket_name: "acme-lake",
    },
  });

async function changes(olds: ConnectionInputs, news: ConnectionInputs): Promise<boolean | undefined> {
  return (await connectionProvider.diff?.("id", olds as ConnectionOutputs, news))?.changes;
}

async function createAndRead(inputs: ConnectionInputs): Promise<{ id: string; read: ConnectionOutputs }> {
  const created = await connectionProvider.create?.(inputs);
  if (!created) throw new Error("no create result");
  const read = await connectionProvider.read?.(created.id, created.outs as ConnectionOutputs);
  return { id: created.id, read: read?.inputs as ConnectionOutputs };
}

describe("Connection diff", () => {
  it("reports a change of forceDelete alone, and of redirectUrl", async () => {
    const base = stripe("fd");
    expect(await changes(base, { ...base, forceDelete: true })).toBe(true);
    expect(await changes({ ...base, forceDelete: true }, { ...base, forceDelete: false })).toBe(true);
    expect(await changes(base, { ...base, redirectUrl: "https://example.com/done" })).toBe(true);
    expect(await changes(base, { ...base })).toBe(false);
  });
});

describe("Connection read", () => {
  it("settles for a program that sets neither healthcheckInterval nor organizationId", async () => {
    const inputs = stripe("plain");
    const { read } = await createAndRead(inputs);
    expect(read.organizationId).toBeUndefined();
    expect(read.healthcheckInterval).toBeUndefined();
    expect(await changes(read, inputs)).toBe(false);
  });

  it("shows a healthcheckInterval changed out of band as drift", async () => {
    const inputs = stripe("interval", { healthcheckInterval: "3h" });
    const { id, read } = await createAndRead(inputs);
    expect(read.healthcheckInterval).toBe("3h");
    expect(await changes(read, inputs)).toBe(false);
    const put = await call("PUT", `/api/connections/${id}`, {
      name: "interval",
      configuration: { api_key: "sk_test_settles" },
      healthcheck_interval: "30m",
    });
    expect(put.status).toBe(200);
    const again = (await connectionProvider.read?.(id, read))?.inputs as ConnectionOutputs;
    expect(again.healthcheckInterval).toBe("30m");
    expect(await changes(again, inputs)).toBe(true);
  });
});

/** Whether `value` is a Pulumi secret. */
async function isSecret(value: unknown): Promise<boolean> {
  return pulumi.Output.isInstance(value) ? await pulumi.isSecret(value) : false;
}

describe("configuration secrets from the type's schema", () => {
  it("wraps exactly the values the schema marks sensitive, whatever their names", async () => {
    // dittofeed's `write_key` and dynamodb's `access_id` are sensitive in their schemas and match no
    // credential-looking name pattern; `url` and `region` are not sensitive.
    const dittofeed = secretConfiguration("dittofeed", {
      url: "https://d.example",
      write_key: "wk-1",
    }) as Record<string, unknown>;
    expect(await isSecret(dittofeed.write_key)).toBe(true);
    expect(await isSecret(dittofeed.url)).toBe(false);
    const dynamo = secretConfiguration("dynamodb", {
      region: "us-east-1",
      auth_mode: "access_key_and_secret",
      access_id: "AKIA-1",
      secret_access_key: "s",
    }) as Record<string, unknown>;
    expect(await isSecret(dynamo.access_id)).toBe(true);
    expect(await isSecret(dynamo.secret_access_key)).toBe(true);
    expect(await isSecret(dynamo.region)).toBe(false);
  });

  it("keeps the whole configuration secret when the type is not known at construction", async () => {
    expect(await isSecret(secretConfiguration("brand_new_type", { anything: "x" }))).toBe(true);
    expect(await isSecret(secretConfiguration(pulumi.output("stripe"), { api_key: "x" }))).toBe(true);
  });
});

describe("Connection check", () => {
  it("accepts an omitted required property that has a default (seed 000's S3 connection)", async () => {
    // The S3 type's schema requires auth_mode and defaults it to access_key_and_secret.
    const inputs = s3Lake("lake");
    expect((await connectionProvider.check?.({} as ConnectionInputs, inputs))?.failures ?? []).toEqual([]);
    const { s3_bucket_name: _n, ...withoutBucket } = inputs.configuration;
    const missing = { ...inputs, configuration: withoutBucket };
    const failures = (await connectionProvider.check?.({} as ConnectionInputs, missing))?.failures ?? [];
    expect(failures.map((f) => pathOf(f.reason))).toEqual(["configuration.s3_bucket_name"]);
  });
});

describe("results the dynamic provider host can encode", () => {
  it("carries no undefined member for the host's protobuf Struct to refuse", async () => {
    const { Struct } = require("google-protobuf/google/protobuf/struct_pb.js") as {
      Struct: { fromJavaScript(value: unknown): unknown };
    };
    const inputs = stripe("encodable", { healthcheckInterval: "3h" });
    const created = await connectionProvider.create?.(inputs);
    expect(() => Struct.fromJavaScript(created?.outs)).not.toThrow();
    const read = await connectionProvider.read?.(created?.id ?? "", created?.outs as ConnectionOutputs);
    expect(() => Struct.fromJavaScript(read?.props)).not.toThrow();
    expect(() => Struct.fromJavaScript(read?.inputs)).not.toThrow();
  });
});

describe("Connection update", () => {
  it("removes policies the program no longer lists, and settles after a removed healthcheckInterval", async () => {
    const policy = "6061b698-2a5e-4c1b-9f0e-3d2f4a5b6c7d";
    const inputs = stripe("policed", { policies: [policy], healthcheckInterval: "2h" });
    const { id, read } = await createAndRead(inputs);
    expect(read.policies).toEqual([policy]);
    const news = stripe("policed");
    expect(await changes(read, news)).toBe(true);
    const updated = await connectionProvider.update?.(id, read, news);
    const after = (await connectionProvider.read?.(id, updated?.outs as ConnectionOutputs))
      ?.inputs as ConnectionOutputs;
    expect(after.policies).toBeUndefined();
    expect(await changes(after, news)).toBe(false);
  });
});

describe("Salesforce configuration modes", () => {
  it("needs client_id and client_secret only for connect_mode api, as the official OAuth examples show", async () => {
    const failures = async (configuration: Record<string, unknown>) => {
      const inputs = stripe("sf", { type: "salesforce", configuration });
      return ((await connectionProvider.check?.({} as ConnectionInputs, inputs))?.failures ?? []).map((f) =>
        pathOf(f.reason),
      );
    };
    expect(await failures({ domain: "acme.my.salesforce.com" })).toEqual([]);
    expect(await failures({ domain: "acme.my.salesforce.com", connect_mode: "code" })).toEqual([]);
    expect(await failures({ domain: "acme.my.salesforce.com", connect_mode: "api" })).toEqual([
      "configuration.client_id",
      "configuration.client_secret",
    ]);
  });
});

describe("defaults the API fills in", () => {
  it("settles a program that leaves a required property to its default", async () => {
    const inputs = s3Lake("lake-defaults");
    const { id, read } = await createAndRead(inputs);
    const live = data(await call("GET", `/api/connections/${id}`)).configuration as Record<string, unknown>;
    expect(live.auth_mode).toBe("access_key_and_secret");
    expect(await changes(read, inputs)).toBe(false);
  });
});

describe("an unchanged preview", () => {
  it("asks the API nothing for a type and configuration already applied, and checks a changed one", async () => {
    const inputs = stripe("settled-preview");
    emu.clearRequestLog();
    expect((await connectionProvider.check?.(inputs, { ...inputs }))?.failures).toBeUndefined();
    expect(emu.requestLog).toEqual([]);
    const changed = stripe("settled-preview", { configuration: { api_key: 42 } });
    const failures = (await connectionProvider.check?.(inputs, changed))?.failures ?? [];
    expect(failures.map((f) => pathOf(f.reason))).toEqual(["configuration.api_key"]);
    expect(emu.requestLog.map((e) => `${e.method} ${e.path}`)).toContain("GET /api/connection_types/stripe");
  });
});
