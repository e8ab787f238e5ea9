/**
 * `pulumi preview --diff` shows what the user declared, not the provider's internal inputs: the URN the
 * implementations need and ModelSync's copy of its target connection travel as `__resourceUrn` and
 * `__targetConnectionId`, which the engine's displays leave out. Moving a sync to another target
 * connection still replaces it, and the diff names `target` as the reason.
 */
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadPackage, startRig, type TestRig } from "./harness";
import { settledDestroy, settledUp } from "./settle";

const INTERNAL = /resourceUrn|targetConnectionId|__provider/;

function program(target: "crm" | "crm2"): PulumiFn {
  const polytomic = loadPackage();
  return async () => {
    const warehouse = new polytomic.Connection("warehouse", {
      type: "postgresql",
      configuration: { hostname: "db.internal", username: "reader", password: "diff-pw", database: "app" },
    });
    const crms = ["crm", "crm2"].map(
      (name) =>
        new polytomic.Connection(name, {
          type: "salesforce",
          configuration: {
            domain: `${name}.my.salesforce.com`,
            connect_mode: "api",
            client_id: "id",
            client_secret: "diff-secret",
          },
        }),
    );
    const users = new polytomic.Model("users", {
      connectionId: warehouse.id,
      configuration: { query: "select email, first_name, last_name from public.users" },
    });
    const ref = (field: string) => ({ modelId: users.id, field });
    new polytomic.ModelSync("contacts", {
      mode: "updateOrCreate",
      schedule: { frequency: "manual" },
      target: { connectionId: (target === "crm" ? crms[0] : crms[1])?.id ?? "", object: "Contact" },
      identity: { source: ref("email"), target: "Email" },
      fields: [{ source: ref("last_name"), target: "LastName" }],
    });
    return {};
  };
}

let rig: TestRig;
let stack: Stack;
beforeAll(async () => {
  rig = await startRig();
  stack = await rig.stack("preview-diff", program("crm"));
});
afterAll(async () => {
  await rig?.close();
});

it("lists only declared inputs in a create's and a replacement's --diff", async () => {
  const create = await stack.preview({ diff: true });
  expect(create.stdout).toContain("mode");
  expect(create.stdout).toContain("connectionId");
  expect(create.stdout).not.toMatch(INTERNAL);

  await settledUp(stack, rig.emulator, "first up");

  const moved = await rig.stack("preview-diff", program("crm2"));
  const replace = await moved.preview({ diff: true });
  expect(replace.changeSummary).toMatchObject({ replace: 1 });
  expect(replace.stdout).not.toMatch(INTERNAL);
  const state = JSON.stringify((await stack.exportStack()).deployment);
  // The internal inputs are kept, under their engine names, for the provider.
  expect(state).toContain('"__resourceUrn"');
  expect(state).toContain('"__targetConnectionId"');
  await settledUp(moved, rig.emulator, "second up, sync moved");
  await settledDestroy(moved, rig.emulator, "destroy");
});
