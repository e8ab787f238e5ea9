/**
 * Check messages for a near-miss suggest the value probably meant (issue 14, item 5), and failures
 * under a nested path name the top-level input as the engine's property, so the engine prints its
 * value rather than `{<nil>}`.
 */
import { describe, expect, it } from "vitest";
import { closest, didYouMean, editDistance, engineProperty, Failures } from "../../provider/internal/check";
import { bundledTypeIds } from "../../provider/internal/typeSchemas";

describe("did you mean", () => {
  it("counts an adjacent transposition as one edit", () => {
    expect(editDistance("gsc", "gcs")).toBe(1);
    expect(editDistance("Contcat", "Contact")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests gcs for gsc among the bundled connection types", () => {
    expect(didYouMean("gsc", bundledTypeIds())).toBe(' (did you mean "gcs"?)');
  });

  it("suggests Contact for Contcat among target objects", () => {
    expect(closest("Contcat", ["Account", "Contact", "Lead", "Opportunity"])).toBe("Contact");
  });

  it("prefers the candidate equal but for case: FirstName for firstname", () => {
    expect(closest("firstname", ["FirstName", "LastName", "Email", "firstName2"])).toBe("FirstName");
  });

  it("suggests nothing for a value far from every candidate, an exact match, a tie or a non-string", () => {
    expect(didYouMean("zzzzzz", ["Account", "Contact", "Lead"])).toBe("");
    expect(didYouMean("xy", ["ab", "cd"])).toBe("");
    expect(didYouMean("Lead", ["Lead"])).toBe("");
    expect(closest("cat", ["bat", "hat"])).toBeUndefined();
    expect(didYouMean(42, ["42"])).toBe("");
  });

  it("adds the suggestion to an enumerated value's failure", () => {
    const failures = new Failures("ModelSync", "contacts");
    failures.oneOf("mode", "updat", ["create", "update", "updateOrCreate", "replace"]);
    expect(failures.list[0]?.reason).toBe(
      'ModelSync "contacts": mode must be one of create, update, updateOrCreate, replace (got "updat") (did you mean "update"?)',
    );
  });
});

describe("the property the engine is given", () => {
  it("is the top-level input of a nested path, the whole path staying in the reason", () => {
    expect(engineProperty("BulkSync", "schedule.hour")).toBe("schedule");
    expect(engineProperty("BulkSync", "schemas[0].fields[1]")).toBe("schemas");
    expect(engineProperty("ModelSync", "mode")).toBe("mode");
    const failures = new Failures("BulkSync", "nightly");
    failures.add("schedule.hour", "must be 0-23");
    expect(failures.list).toEqual([
      { property: "schedule", reason: 'BulkSync "nightly": schedule.hour must be 0-23' },
    ]);
  });

  it("is none under a connection's configuration, whose value may hold secrets the engine would print", () => {
    expect(engineProperty("Connection", "configuration.password")).toBe("");
    expect(engineProperty("Connection", "configuration")).toBe("");
    expect(engineProperty("Connection", "type")).toBe("type");
  });
});
