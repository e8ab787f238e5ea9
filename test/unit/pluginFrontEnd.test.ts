/**
 * The provider plugin's front end, without the engine: secrets in and out of the engine's wire form,
 * the URN from the request, internal properties under their `__` names, and autonaming.
 */
import { expect, it } from "vitest";
import { fromImplementation, KINDS, toImplementation, typeOfUrn } from "../../provider/plugin/kinds";
import { autoname } from "../../provider/plugin/naming";
import { revealed, withSecrets } from "../../provider/plugin/values";

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
const URN = "urn:pulumi:dev::proj::polytomic:index:ModelSync::contacts";

it("reveals secrets at any depth and remembers which top-level properties held one", () => {
  const { props, secretKeys } = revealed({
    name: "crm",
    configuration: { domain: "x", client_secret: secret("s3cr3t") },
    policies: [secret("p1"), "p2"],
  });
  expect(props).toEqual({
    name: "crm",
    configuration: { domain: "x", client_secret: "s3cr3t" },
    policies: ["p1", "p2"],
  });
  expect([...secretKeys].sort()).toEqual(["configuration", "policies"]);
  expect(withSecrets(props, secretKeys)).toEqual({
    name: "crm",
    configuration: secret({ domain: "x", client_secret: "s3cr3t" }),
    policies: secret(["p1", "p2"]),
  });
});

it("gives the implementations the request's URN and the engine the __ names, without the URN", () => {
  expect(typeOfUrn(URN)).toBe("polytomic:index:ModelSync");
  expect(typeOfUrn("urn:pulumi:dev::proj::polytomic:components:X$polytomic:index:Model::m")).toBe(
    "polytomic:index:Model",
  );
  const inner = toImplementation({ name: "contacts", __targetConnectionId: "c1" }, URN);
  expect(inner).toEqual({ name: "contacts", targetConnectionId: "c1", resourceUrn: URN });
  expect(fromImplementation({ ...inner, syncId: "s1" })).toEqual({
    name: "contacts",
    __targetConnectionId: "c1",
    syncId: "s1",
  });
});

it("serves every resource kind of the schema, a connection's configuration always secret", () => {
  expect(Object.keys(KINDS).sort()).toEqual(
    ["BulkSync", "Connection", "Model", "ModelSync", "SchemaReady"].map((k) => `polytomic:index:${k}`),
  );
  expect(KINDS["polytomic:index:Connection"]?.secret).toEqual(["configuration"]);
});

it("names objects as Pulumi's autonaming says, else after the resource", () => {
  expect(autoname(undefined, "warehouse")).toBe("warehouse");
  expect(autoname("Warehouse", "warehouse")).toBe("Warehouse");
  expect(autoname(undefined, "warehouse", { proposedName: "warehouse-a1b2", mode: 0 })).toBe(
    "warehouse-a1b2",
  );
  expect(autoname("Warehouse", "warehouse", { proposedName: "warehouse-a1b2", mode: 0 })).toBe("Warehouse");
  expect(autoname("Warehouse", "warehouse", { proposedName: "prod-warehouse", mode: 1 })).toBe(
    "prod-warehouse",
  );
  expect(autoname(undefined, "warehouse", { proposedName: "", mode: 2 })).toBeUndefined();
});
