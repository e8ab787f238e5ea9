/**
 * Every documented connection type (shared/data/connection-types.json, 226) can be created, validated
 * against its JSON Schema with its secrets masked; only an id no type has is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { ALL_CONNECTION_TYPES, CONNECTION_TYPES } from "../../emulator/connectionTypes";
import { RULES } from "../../emulator/rules";
import { data, rawClient } from "./http";

let emu: Emulator;
const call = rawClient(() => emu);
beforeAll(async () => {
  emu = await startEmulator({ port: 0, schemaCacheDelayMs: 0 });
});
afterAll(async () => {
  await emu.close();
});

describe("connection types", () => {
  it("lists all 226 documented types, 14 of them served in detail", async () => {
    expect(Object.keys(ALL_CONNECTION_TYPES)).toHaveLength(226);
    expect(Object.keys(CONNECTION_TYPES)).toHaveLength(14);
    const list = await call("GET", "/api/connection_types");
    expect((list.body.data as unknown[]).length).toBe(226);
    const schema = await call("GET", "/api/connection_types/affinity");
    expect(schema.body).toMatchObject({ type: "object", required: ["api_key"] });
  });

  it("creates a connection of a type not served in detail, checked against its schema, secrets masked", async () => {
    const created = await call("POST", "/api/connections", {
      name: "affinity",
      type: "affinity",
      configuration: { api_key: "k-secret" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(data(created).configuration).toEqual({ api_key: "********" });
    const missing = await call("POST", "/api/connections", {
      name: "a2",
      type: "affinity",
      configuration: {},
    });
    expect(missing.status).toBe(RULES["connection.configuration-invalid"].status);
    expect(missing.body.message).toMatch(/^configuration\.api_key:/);
  });

  it("refuses only a type id no documented type has", async () => {
    const unknown = await call("POST", "/api/connections", { name: "n", type: "nope", configuration: {} });
    expect(unknown.status).toBe(RULES["connection.type-unknown"].status);
    expect(unknown.body.message).toBe('type: unknown connection type "nope"');
  });
});
