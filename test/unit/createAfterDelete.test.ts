/**
 * A create is never recorded as an object that is gone. Polytomic replays the first outcome of an
 * Idempotency-Key for 24 hours, including after the object was deleted, so a destroy then an up of an
 * unchanged program (or an out-of-band delete, refresh, up) is answered with the deleted object unless
 * the create checks. Crash safety stays: a create repeated with the same inputs after it succeeded
 * (the engine lost the answer) ends on the same live object, never a second one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { type ConnectionInputs, connectionProvider } from "../../provider/resources/connection";
import { type ModelInputs, modelProvider } from "../../provider/resources/model";
import { rawClient } from "../contract/http";
import { providerOnEmulator, stopProviderOnEmulator } from "./providerOnEmulator";

let emu: Emulator;
beforeAll(async () => {
  emu = await providerOnEmulator();
});
afterAll(async () => {
  await stopProviderOnEmulator(emu);
});

const call = rawClient(() => emu);
const urn = (kind: string, name: string) =>
  `urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:${kind}::${name}`;

const connection = (name: string): ConnectionInputs => ({
  resourceUrn: urn("Connection", name),
  name,
  type: "postgresql",
  configuration: { hostname: "db.internal", database: "app", username: "u", password: "p", port: 5432 },
});

async function create(inputs: ConnectionInputs): Promise<string> {
  const result = await connectionProvider.create?.(inputs);
  if (!result) throw new Error("no create result");
  return result.id;
}

const status = async (path: string) => (await call("GET", path)).status;

describe("create after the object is gone", () => {
  it("creates anew after delete, and a repeat of that create returns the same live object", async () => {
    const inputs = connection("pg-loop");
    const first = await create(inputs);
    await connectionProvider.delete?.(first, { ...inputs, connectionId: first, status: "", statusError: "" });
    expect(await status(`/api/connections/${first}`)).toBe(404);

    const second = await create(inputs);
    expect(second).not.toBe(first);
    expect(await status(`/api/connections/${second}`)).toBe(200);

    // The engine lost the answer (a crash after the POST): the same create again is no duplicate.
    const repeated = await create(inputs);
    expect(repeated).toBe(second);
    const named = (await call("GET", "/api/connections")).body.data as { name: string }[];
    expect(named.filter((c) => c.name === "pg-loop")).toHaveLength(1);
  });

  it("creates anew after an out-of-band delete, for every delete-and-create cycle", async () => {
    const inputs = connection("pg-oob");
    const seen = new Set<string>();
    for (let cycle = 0; cycle < 3; cycle++) {
      const id = await create(inputs);
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      expect(await status(`/api/connections/${id}`)).toBe(200);
      const known = { ...inputs, connectionId: id, status: "", statusError: "" };
      expect((await connectionProvider.read?.(id, known))?.props).toBeDefined();
      expect((await call("DELETE", `/api/connections/${id}`)).status).toBeLessThan(300);
      expect((await connectionProvider.read?.(id, known))?.props).toBeUndefined();
    }
  });

  it("applies to models too", async () => {
    const source = await create(connection("pg-models"));
    const inputs: ModelInputs = {
      resourceUrn: urn("Model", "users"),
      name: "users",
      connectionId: source,
      configuration: { table: "public.users" },
    } as ModelInputs;
    const first = await modelProvider.create?.(inputs);
    if (!first) throw new Error("no create result");
    await call("DELETE", `/api/models/${first.id}`);
    const second = await modelProvider.create?.(inputs);
    expect(second?.id).not.toBe(first.id);
    expect(await status(`/api/models/${second?.id}`)).toBe(200);
  });
});
