/**
 * Faults: `pulumi up` of a 50-resource fleet (connections, schema waits, models, model syncs, bulk syncs)
 * while every route of the emulator answers 20% of requests with 429 and `Retry-After`, 10% with 503,
 * adds up to 200 ms of latency and drops 2% of connections (and, for certain, one connection create and
 * one bulk-sync create whose response is lost after the API committed it). The update succeeds, the
 * emulator then holds exactly the declared objects (no duplicate, no orphan), a second preview under the
 * same faults plans no change, and a destroy under the same faults leaves nothing.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fleetInventory, fleetProgram, fleetResourceCount } from "../../bench/fleet";
import { emulatorInventory } from "../../bench/inventory";
import { loadPackage, startRig, type TestRig } from "../integration/harness";

const GROUPS = 8;
// The random 2% of drops may by chance spare all of an update's ~100 requests (about one run in
// seven), so one dropped connection create and one bulk-sync create whose response is lost after the
// API committed it (the case idempotency keys exist for) happen for certain, on top.
const FAULTS = [
  "*:status=429,retry-after=1:p=0.2",
  "*:status=503:p=0.1",
  "*:latency=0-200",
  "*:drop:p=0.02",
  "POST /api/connections:drop:n=1",
  "POST /api/bulk/syncs:drop-after:n=1",
].join(";");

let rig: TestRig;
let stack: Stack;

beforeAll(async () => {
  rig = await startRig({ schemaCacheDelayMs: 500, faults: FAULTS, faultSeed: Date.now() % 100_000 });
  stack = await rig.stack("faults", fleetProgram(loadPackage(), GROUPS));
});
afterAll(async () => {
  await rig?.close();
});

describe("a 50-resource fleet under 429s, 503s, latency and dropped connections", () => {
  it("deploys exactly the declared objects", async () => {
    expect(fleetResourceCount(GROUPS)).toBe(50);
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges?.create).toBe(51); // the fleet and the stack itself
    expect(emulatorInventory(rig.emulator)).toEqual(fleetInventory(GROUPS));
    // The faults really happened: requests were answered 429 or 503, or dropped.
    const { status, drop, "drop-after": dropAfter } = rig.emulator.faults.injected;
    expect(status).toBeGreaterThan(20);
    expect(drop).toBeGreaterThan(0);
    expect(dropAfter).toBe(1);
  });

  it("plans no change on a second preview under the same faults", async () => {
    const preview = await stack.preview();
    expect(Object.keys(preview.changeSummary).filter((op) => op !== "same")).toEqual([]);
    expect(emulatorInventory(rig.emulator)).toEqual(fleetInventory(GROUPS));
  });

  it("destroys everything under the same faults", async () => {
    const destroy = await stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(rig.emulator.store.count()).toBe(0);
  });
});
