/**
 * Check failures through the real engine (issue 14, item 5). The engine prints
 * `property <p> value {<v>} has a problem: <reason>`, looking `<p>` up among the top-level inputs only,
 * so a failure about `schedule.hour` used to print `value {<nil>}`: the provider now names the top-level
 * input (the engine prints the schedule's value) and the reason keeps the whole path. A failure inside
 * a connection's configuration names no property, so the engine prints no value that may hold a secret.
 * A near-miss connection type gets a suggestion. A Model on a connection id no connection has fails
 * the preview, as the API refuses it at up.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadPackage, startRig, type TestRig } from "./harness";

const SECRET = "pg-check-message-secret";

type Polytomic = ReturnType<typeof loadPackage>;

/** What the program declares: the engine stops at the first resource whose check fails, so one each. */
let declare: (p: Polytomic) => void = () => {};
let rig: TestRig;
let stack: Stack;
beforeAll(async () => {
  rig = await startRig();
  const polytomic = loadPackage();
  stack = await rig.stack("check-messages", async () => {
    declare(polytomic);
    return {};
  });
});
afterAll(async () => {
  await rig?.close();
});

async function previewError(what: (p: Polytomic) => void): Promise<string> {
  declare = what;
  const error = await stack.preview().then(
    () => "preview succeeded",
    (err: unknown) => String(err),
  );
  expect(error).not.toContain("{<nil>}");
  expect(rig.emulator.requestLog.filter((e) => e.method !== "GET")).toEqual([]);
  return error;
}

it("prints the top-level value for a nested failure, not {<nil>}, the reason naming the whole path", async () => {
  const error = await previewError(
    (p) =>
      new p.BulkSync("nightly", {
        sourceConnectionId: "src",
        destinationConnectionId: "dst",
        schedule: { frequency: "daily", hour: "25", minute: "0" },
        destinationConfiguration: { format: "csv" },
      }),
  );
  expect(error).toMatch(
    /polytomic:BulkSync resource 'nightly': property schedule value \{map\[[^\n]*hour:\{25\}[^\n]* has a problem: BulkSync "nightly": schedule\.hour /,
  );
});

it("prints no value for a failure inside a connection's configuration, which may hold secrets", async () => {
  const error = await previewError(
    (p) =>
      new p.Connection("pg", {
        type: "postgresql",
        configuration: {
          hostname: "h",
          port: "five" as unknown as number, // what a program without type checking can send
          database: "d",
          username: "u",
          password: pulumi.secret(SECRET),
        },
      }),
  );
  expect(error).toMatch(
    /polytomic:Connection resource 'pg' has a problem: Connection "pg": configuration\.port /,
  );
  expect(error).not.toContain(SECRET);
});

it("suggests the connection type meant", async () => {
  const error = await previewError((p) => new p.Connection("bucket", { type: "gsc", configuration: {} }));
  expect(error).toContain(
    'Connection "bucket": type is not a Polytomic connection type ("gsc") (did you mean "gcs"?)',
  );
});

it("fails a Model on a connection id no connection has, which the API refuses at up", async () => {
  const missing = "7b0c5f4e-0000-4000-8000-000000000000";
  const error = await previewError(
    (p) => new p.Model("orders", { connectionId: missing, configuration: { table: "public.accounts" } }),
  );
  expect(error).toContain(
    `Model "orders": connectionId "${missing}" is not a connection of the organization: ` +
      "the API refuses a model on a connection that does not exist",
  );
});
