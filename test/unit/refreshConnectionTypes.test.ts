/**
 * scripts/connection-types/refresh.ts against the in-process emulator: the file it writes from
 * `GET /api/connection_types` and `GET /api/connection_types/{id}` equals data/connection-types.json
 * byte for byte, which shows both that the emulator serves the data faithfully and that the script
 * round-trips it. Also: what the script strips, its fixed order, and a type listed without a schema.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { DEFAULT_ABOUT, refreshConnectionTypes, structureOf } from "../../scripts/connection-types/refresh";

const FIXTURE_PATH = join(__dirname, "../../data/connection-types.json");
const FIXTURE = readFileSync(FIXTURE_PATH, "utf8");

let emu: Emulator;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, schemaCacheDelayMs: 0 });
  dir = await mkdtemp(join(tmpdir(), "refresh-connection-types-"));
});
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

describe("refresh:connection-types", () => {
  it("writes data/connection-types.json from the emulator exactly as it is, and leaves it alone when nothing changed", async () => {
    const out = join(dir, "connection-types.json");
    // A file holding only the "about" (kept by the script): everything else comes from the API.
    const about = (JSON.parse(FIXTURE) as { about: string }).about;
    await writeFile(out, JSON.stringify({ about, types_without_schema: [], types: [] }));
    const first = await refreshConnectionTypes({ baseUrl: emu.url, apiKey: emu.apiKey, out });
    expect(first).toEqual({ types: 226, typesWithoutSchema: [], changed: true });
    const written = await readFile(out, "utf8");
    expect(JSON.parse(written)).toEqual(JSON.parse(FIXTURE));
    expect(written === FIXTURE, "the same bytes, key order included").toBe(true);

    const second = await refreshConnectionTypes({ baseUrl: emu.url, apiKey: emu.apiKey, out });
    expect(second.changed).toBe(false);
    expect(await readFile(out, "utf8")).toBe(written);
  });

  it("keeps the structure of a schema: documentation, UI hints and identity removed, enum values, readOnly", () => {
    const live = {
      required: ["mode"],
      type: "object",
      $id: "https://polytomic.com/backend/x/connection-conf",
      $schema: "https://json-schema.org/draft/2020-12/schema",
      title: "X",
      properties: {
        mode: {
          default: "a",
          title: "Mode",
          description: "How",
          enum: [
            { value: "a", label: "A" },
            { value: "b", label: "B" },
          ],
          type: "string",
        },
        token: { sensitive: true, password: true, widget: "textarea", type: "string", examples: ["t"] },
        user: { readonly: true, type: "string", title: "User" },
        // A property named like a keyword is a property.
        description: { type: "string" },
        list: {
          type: "array",
          items: { additionalProperties: false, type: "object", properties: { name: { type: "string" } } },
        },
      },
    };
    const structure = structureOf(live);
    expect(JSON.stringify(structure)).toBe(
      JSON.stringify({
        properties: {
          mode: { type: "string", enum: ["a", "b"], default: "a" },
          token: { type: "string", sensitive: true },
          user: { type: "string", readOnly: true },
          description: { type: "string" },
          list: {
            items: { properties: { name: { type: "string" } }, additionalProperties: false, type: "object" },
            type: "array",
          },
        },
        type: "object",
        required: ["mode"],
      }),
    );
  });

  it("records a listed type without a schema, sorts types by id, and writes its own about for a new file", async () => {
    const server: Server = createServer((request, response) => {
      response.setHeader("Content-Type", "application/json");
      if (request.headers.authorization !== "Bearer k") {
        response.statusCode = 401;
        response.end("{}");
      } else if (request.url === "/api/connection_types") {
        response.end(
          JSON.stringify({
            data: [
              { id: "zeta", name: "Zeta", use_oauth: true, logo_url: "x" },
              { id: "alpha", name: "Alpha", use_oauth: false },
              { id: "gone", name: "Gone", use_oauth: false },
            ],
          }),
        );
      } else if (request.url === "/api/connection_types/gone") {
        response.statusCode = 404;
        response.end(JSON.stringify({ status: 404, message: "not found" }));
      } else {
        response.end(JSON.stringify({ type: "object", properties: { a: { type: "string", title: "A" } } }));
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const out = join(dir, "new.json");
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await refreshConnectionTypes({ baseUrl, apiKey: "k", out });
      expect(result).toEqual({ types: 2, typesWithoutSchema: ["gone"], changed: true });
      const written = JSON.parse(await readFile(out, "utf8"));
      expect(written).toEqual({
        about: DEFAULT_ABOUT,
        types_without_schema: ["gone"],
        types: [
          {
            id: "alpha",
            name: "Alpha",
            use_oauth: false,
            schema: { properties: { a: { type: "string" } }, type: "object" },
          },
          {
            id: "zeta",
            name: "Zeta",
            use_oauth: true,
            schema: { properties: { a: { type: "string" } }, type: "object" },
          },
        ],
      });
      await expect(refreshConnectionTypes({ baseUrl, apiKey: "wrong", out })).rejects.toThrow(/401/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
