/**
 * Settings resolution: stack config over environment, defaults, and errors that name the setting and
 * both ways to set it without ever printing the API key.
 */
import { describe, expect, it } from "vitest";
import { isPolytomicError } from "../../../provider/client/errors";
import { type ConfigSource, resolveMaxConcurrency, resolveSettings } from "../../../provider/config";

const config = (values: Record<string, string>): ConfigSource => ({ get: (key) => values[key] });
const KEY = "pk_test_must_not_leak_42";

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (err) {
    expect(isPolytomicError(err) && err.code).toBe("configuration");
    expect(String(err)).not.toContain(KEY);
    expect((err as Error).stack).not.toContain(KEY);
    return err as Error;
  }
  throw new Error("expected a configuration error");
}

describe("resolveSettings", () => {
  it("fills the defaults", () => {
    expect(resolveSettings(undefined, { POLYTOMIC_API_KEY: KEY })).toEqual({
      apiKey: KEY,
      baseUrl: "https://app.polytomic.com",
      apiVersion: "2025-09-18",
    });
  });

  it("prefers stack config over the environment, setting by setting", () => {
    const env = {
      POLYTOMIC_API_KEY: "env-key",
      POLYTOMIC_BASE_URL: "https://env.example:8080",
      POLYTOMIC_API_VERSION: "2025-09-18",
      POLYTOMIC_ORGANIZATION_ID: "env-org",
    };
    expect(resolveSettings(config({}), env)).toEqual({
      apiKey: "env-key",
      baseUrl: "https://env.example:8080",
      apiVersion: "2025-09-18",
      organizationId: "env-org",
    });
    expect(
      resolveSettings(
        config({
          "polytomic:apiKey": "config-key",
          "polytomic:baseUrl": "https://proxy.example/polytomic",
          "polytomic:apiVersion": "2024-02-08",
          "polytomic:organizationId": "config-org",
        }),
        env,
      ),
    ).toEqual({
      apiKey: "config-key",
      baseUrl: "https://proxy.example/polytomic",
      apiVersion: "2024-02-08",
      organizationId: "config-org",
    });
    expect(resolveSettings(config({ "polytomic:apiVersion": "2024-02-08" }), env)).toMatchObject({
      apiKey: "env-key",
      apiVersion: "2024-02-08",
    });
  });

  it("treats blank values as unset and trims the rest", () => {
    expect(
      resolveSettings(config({ "polytomic:apiKey": "  ", "polytomic:baseUrl": "" }), {
        POLYTOMIC_API_KEY: ` ${KEY}\n`,
        POLYTOMIC_BASE_URL: "",
        POLYTOMIC_ORGANIZATION_ID: " ",
      }),
    ).toEqual({ apiKey: KEY, baseUrl: "https://app.polytomic.com", apiVersion: "2025-09-18" });
  });

  it("explains a missing key with both ways to set it", () => {
    const err = failure(() => resolveSettings(undefined, {}));
    expect(err.message).toContain("pulumi config set --secret polytomic:apiKey");
    expect(err.message).toContain("POLYTOMIC_API_KEY");
    failure(() => resolveSettings(config({}), { POLYTOMIC_API_KEY: "" }));
  });

  it.each([
    [
      "2020-01-01",
      /Unsupported Polytomic API version "2020-01-01" from environment variable POLYTOMIC_API_VERSION/,
    ],
    ["latest", /use one of 2024-02-08, 2025-09-18/],
  ])("rejects API version %s", (version, message) => {
    const err = failure(() =>
      resolveSettings(undefined, { POLYTOMIC_API_KEY: KEY, POLYTOMIC_API_VERSION: version }),
    );
    expect(err.message).toMatch(message);
    expect(err.message).toContain("polytomic:apiVersion");
    expect(err.message).toContain("POLYTOMIC_API_VERSION");
  });

  it.each([
    ["not a url", "not a URL"],
    ["ftp://files.example", "use http:// or https://"],
    [`gopher://${KEY}.example`, "use http:// or https://"],
    [`https://me:${KEY}@app.polytomic.com`, "remove the credentials"],
    ["https://app.polytomic.com/?x=1", "remove the query string"],
  ])("rejects base URL %s", (baseUrl, problem) => {
    const err = failure(() =>
      resolveSettings(config({ "polytomic:apiKey": KEY, "polytomic:baseUrl": baseUrl }), {}),
    );
    expect(err.message).toContain(problem);
    expect(err.message).toContain("from stack config polytomic:baseUrl");
    expect(err.message).toContain("POLYTOMIC_BASE_URL");
  });

  it("never prints the key even when it was pasted into another setting", () => {
    const err = failure(() =>
      resolveSettings(undefined, {
        POLYTOMIC_API_KEY: KEY,
        POLYTOMIC_BASE_URL: KEY,
        POLYTOMIC_API_VERSION: KEY,
      }),
    );
    expect(err.message).toContain("[redacted]");
  });

  it("accepts a base URL with a path prefix", () => {
    expect(
      resolveSettings(undefined, {
        POLYTOMIC_API_KEY: KEY,
        POLYTOMIC_BASE_URL: "http://127.0.0.1:8080/prefix/",
      }).baseUrl,
    ).toBe("http://127.0.0.1:8080/prefix/");
  });
});

describe("resolveMaxConcurrency", () => {
  it.each([
    [undefined, 8],
    ["", 8],
    ["1", 1],
    [" 32 ", 32],
  ])("%j -> %s", (value, expected) => {
    expect(resolveMaxConcurrency(value === undefined ? {} : { POLYTOMIC_MAX_CONCURRENCY: value })).toBe(
      expected,
    );
  });

  it.each(["0", "-2", "1.5", "many"])("rejects %j naming the variable", (value) => {
    expect(() => resolveMaxConcurrency({ POLYTOMIC_MAX_CONCURRENCY: value })).toThrow(
      /POLYTOMIC_MAX_CONCURRENCY/,
    );
  });
});
