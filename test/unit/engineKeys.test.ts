/**
 * Internal properties travel under `__` names between the engine and the dynamic front end; states
 * written before the rename (bare `resourceUrn`) still load; replacement reasons name the user's input.
 */
import { expect, it } from "vitest";
import { forDynamicHost } from "../../provider/internal/dynamicFrontEnd";
import { engineFailures, fromEngineKeys, shownKeys, toEngineKeys } from "../../provider/internal/engineKeys";

const URN = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:ModelSync::contacts";

it("renames the internal properties both ways and leaves the others alone", () => {
  const inner = { resourceUrn: URN, targetConnectionId: "c1", name: "contacts" };
  const engine = toEngineKeys(inner);
  expect(engine).toEqual({ __resourceUrn: URN, __targetConnectionId: "c1", name: "contacts" });
  expect(fromEngineKeys(engine)).toEqual(inner);
});

it("reads states written before the rename", () => {
  expect(fromEngineKeys({ resourceUrn: URN, name: "x" })).toEqual({ resourceUrn: URN, name: "x" });
});

it("names the target, not the internal copy, as the reason for a replacement", () => {
  expect(shownKeys(["targetConnectionId", "name", "target"])).toEqual(["target", "name"]);
});

it("the dynamic front end hands the implementation its names and the engine the __ names", async () => {
  const seen: unknown[] = [];
  type Props = Record<string, unknown>;
  const provider = forDynamicHost<Props, Props>({
    async check(_olds, news) {
      seen.push(news);
      return { inputs: { ...news, targetConnectionId: "c2" } };
    },
    async diff() {
      return { changes: true, replaces: ["targetConnectionId"] };
    },
    async create(inputs) {
      seen.push(inputs);
      return { id: "s1", outs: inputs };
    },
  });
  const checked = await provider.check?.({}, { __resourceUrn: URN, name: "n" });
  expect(seen[0]).toEqual({ resourceUrn: URN, name: "n" });
  expect(checked?.inputs).toEqual({ __resourceUrn: URN, __targetConnectionId: "c2", name: "n" });
  expect((await provider.diff?.("s1", {}, {}))?.replaces).toEqual(["target"]);
  expect((await provider.create?.({ __resourceUrn: URN }))?.outs).toEqual({ __resourceUrn: URN });
  expect(seen[1]).toEqual({ resourceUrn: URN });
});

it("names no property for a failure about an input the program left out (the engine would print {<nil>})", () => {
  const failures = [
    { property: "name", reason: 'Connection "crm": name is required' },
    { property: "type", reason: 'Connection "crm": type "gsc" is unknown' },
  ];
  expect(engineFailures(failures, { type: "gsc" })).toEqual([
    { property: "", reason: 'Connection "crm": name is required' },
    { property: "type", reason: 'Connection "crm": type "gsc" is unknown' },
  ]);
});
