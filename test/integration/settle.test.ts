/**
 * The settle checks (settle.ts) can fail, and say why: on one connection through the engine, an
 * out-of-band edit is named by the refresh (field, old and new value) and by the preview after it (the
 * field and the resource's diff), an object no state records is an orphan, a recorded object the API
 * no longer holds is a phantom, and a refresh that finds it gone says so; each message names its step
 * and the resource.
 */
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { StoredConnection } from "../../emulator/store";
import { loadPackage, startRig, type TestRig } from "./harness";
import { apiHoldsExactly, previewProblems, refreshProblems } from "./settle";

let rig: TestRig;
beforeAll(async () => {
  rig = await startRig({ schemaCacheDelayMs: 0 });
});
afterAll(async () => {
  await rig?.close();
});

function program(): PulumiFn {
  const polytomic = loadPackage();
  return async () => {
    const pg = new polytomic.Connection("pg", {
      type: "postgresql",
      configuration: {
        hostname: "db.internal",
        username: "u",
        password: "settle-pw",
        database: "app",
        port: 5432,
      },
    });
    return { id: pg.id };
  };
}

it("names the step, the resource and the field of drift, orphans and phantoms", async () => {
  const stack = await rig.stack("settle-checks", program());
  await stack.up();
  expect(await apiHoldsExactly([stack], rig.emulator, "after up")).toEqual([]);
  const [pg] = rig.emulator.store.list("connections") as StoredConnection[];
  const id = String(pg?.id);
  const urn = `urn:pulumi:settle-checks::polytomic-it::pulumi-nodejs:dynamic/polytomic:Connection::pg`;

  rig.emulator.store.mutate("connections", id, (c) => {
    c.name = "renamed in the UI";
  });
  const refresh = await refreshProblems(stack, "refresh after an edit");
  expect(refresh).toHaveLength(1);
  expect(refresh[0]).toContain(`[settle-checks] refresh after an edit: refresh changed ${urn} (id ${id}`);
  expect(refresh[0]).toContain('fields ["name"]');
  expect(refresh[0]).toContain('name: "pg" -> "renamed in the UI"');

  const preview = await previewProblems(stack, "preview after the edit");
  expect(preview).toHaveLength(1);
  expect(preview[0]).toContain(
    `preview after the edit: preview wants update of ${urn} (id ${id}), fields ["name"]`,
  );
  expect(preview[0]).toMatch(/~ name\s*: "renamed in the UI" => "pg"/);
  expect(preview[0]).not.toContain("settle-pw");

  rig.emulator.store.data.connections.orphan = { ...(pg as StoredConnection), id: "orphan" };
  expect(await apiHoldsExactly([stack], rig.emulator, "with an orphan")).toEqual([
    'with an orphan: the API holds connections orphan ("renamed in the UI"), which no resource of settle-checks records (an orphan)',
  ]);
  rig.emulator.store.remove("connections", "orphan");

  rig.emulator.store.remove("connections", id);
  expect(await apiHoldsExactly([stack], rig.emulator, "with a phantom")).toEqual([
    `[settle-checks] with a phantom: ${urn} records connections ${id}, which the API does not hold (a phantom in the state)`,
  ]);
  expect(await refreshProblems(stack, "refresh after a delete")).toEqual([
    `[settle-checks] refresh after a delete: refresh found ${urn} (id ${id}) gone from the API`,
  ]);
  await stack.destroy();
});
