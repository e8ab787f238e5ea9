/**
 * A plain http:// base URL would carry the API key unencrypted, so the provider refuses it unless the
 * host is this machine (127.0.0.0/8, ::1, localhost: the emulator, a local proxy) or the user opts in
 * with `polytomic:allowCleartextHttp` / POLYTOMIC_ALLOW_CLEARTEXT_HTTP. The refusal is a configuration
 * error like any other bad setting: a check failure naming the resource at preview, the create's error
 * at up, and no request sent either way.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import { isPolytomicError } from "../../provider/client/errors";
import { configureProvider, resetRuntime } from "../../provider/client/runtime";
import { type ConfigSource, resolveSettings } from "../../provider/config";
import { setDiagnosticSink } from "../../provider/internal/diagnostics";
import { getTargetObjects } from "../../provider/lookups";
import { type ConnectionInputs, connectionProvider } from "../../provider/resources/connection";

const KEY = "pk_test_cleartext_must_not_leak_7";
const config = (values: Record<string, string>): ConfigSource => ({ get: (key) => values[key] });
const withKey = (values: Record<string, string>) => config({ "polytomic:apiKey": KEY, ...values });

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(isPolytomicError(err) && err.code).toBe("configuration");
    expect(String(err)).not.toContain(KEY);
    expect((err as Error).stack).not.toContain(KEY);
    return (err as Error).message;
  }
  throw new Error("expected a configuration error");
}

/** Everything the refusal must say: the setting, the host, why, and both remedies. */
function expectExplained(message: string, host: string): void {
  expect(message).toContain("polytomic:baseUrl");
  expect(message).toContain(`"${host}"`);
  expect(message).toMatch(/API key would travel unencrypted/);
  expect(message).toContain("https://");
  expect(message).toContain("pulumi config set polytomic:allowCleartextHttp true");
  expect(message).toContain("POLYTOMIC_ALLOW_CLEARTEXT_HTTP");
}

describe("plain http:// base URL", () => {
  it.each([
    ["http://api.example.com", "api.example.com"],
    ["http://api.example.com:8080/prefix/", "api.example.com:8080"],
    ["http://10.0.0.7:8787", "10.0.0.7:8787"],
    ["http://0.0.0.0:8787", "0.0.0.0:8787"],
    ["http://128.0.0.1", "128.0.0.1"],
    ["http://localhost.attacker.example", "localhost.attacker.example"],
    ["http://127.0.0.1.nip.io", "127.0.0.1.nip.io"],
    ["http://[::2]:8787", "[::2]:8787"],
  ])("to %s is refused, naming the setting, the host, why and both remedies", (baseUrl, host) => {
    const message = refusal(() => resolveSettings(withKey({ "polytomic:baseUrl": baseUrl }), {}));
    expectExplained(message, host);
    expect(message).toContain("from stack config polytomic:baseUrl");
  });

  it("from the environment is refused the same way", () => {
    const message = refusal(() =>
      resolveSettings(undefined, { POLYTOMIC_API_KEY: KEY, POLYTOMIC_BASE_URL: "http://polytomic.internal" }),
    );
    expectExplained(message, "polytomic.internal");
    expect(message).toContain("from environment variable POLYTOMIC_BASE_URL");
  });

  it("never prints the key, even when it was pasted into the host", () => {
    const message = refusal(() =>
      resolveSettings(undefined, { POLYTOMIC_API_KEY: KEY, POLYTOMIC_BASE_URL: `http://${KEY}.example` }),
    );
    expect(message).toContain("[redacted]");
  });

  it.each([
    "http://127.0.0.1:8787",
    "http://127.0.0.1:8787/prefix/",
    "http://127.255.3.4",
    "http://localhost:8787",
    "http://LOCALHOST:8787",
    "http://[::1]:8787",
    "http://[0:0:0:0:0:0:0:1]",
  ])("to loopback %s is accepted", (baseUrl) => {
    expect(resolveSettings(withKey({ "polytomic:baseUrl": baseUrl }), {}).baseUrl).toBe(baseUrl);
    expect(resolveSettings(undefined, { POLYTOMIC_API_KEY: KEY, POLYTOMIC_BASE_URL: baseUrl }).baseUrl).toBe(
      baseUrl,
    );
  });

  it.each(["https://app.polytomic.com", "https://polytomic.internal:8443/prefix/", "https://10.0.0.7"])(
    "https %s is accepted anywhere",
    (baseUrl) => {
      expect(resolveSettings(withKey({ "polytomic:baseUrl": baseUrl }), {}).baseUrl).toBe(baseUrl);
    },
  );
});

describe("polytomic:allowCleartextHttp", () => {
  const remote = "http://polytomic.internal:8080";

  it.each(["true", "TRUE", " true "])(
    "set to %j in stack config lets http:// to any host through",
    (value) => {
      expect(
        resolveSettings(withKey({ "polytomic:baseUrl": remote, "polytomic:allowCleartextHttp": value }), {})
          .baseUrl,
      ).toBe(remote);
    },
  );

  it("set in the environment lets http:// to any host through", () => {
    expect(
      resolveSettings(undefined, {
        POLYTOMIC_API_KEY: KEY,
        POLYTOMIC_BASE_URL: remote,
        POLYTOMIC_ALLOW_CLEARTEXT_HTTP: "true",
      }).baseUrl,
    ).toBe(remote);
  });

  it("false (stack config wins over the environment) keeps the refusal", () => {
    refusal(() =>
      resolveSettings(withKey({ "polytomic:baseUrl": remote, "polytomic:allowCleartextHttp": "false" }), {
        POLYTOMIC_ALLOW_CLEARTEXT_HTTP: "true",
      }),
    );
    refusal(() =>
      resolveSettings(undefined, {
        POLYTOMIC_API_KEY: KEY,
        POLYTOMIC_BASE_URL: remote,
        POLYTOMIC_ALLOW_CLEARTEXT_HTTP: "false",
      }),
    );
  });

  it("is not part of the settings a client gets", () => {
    expect(
      resolveSettings(withKey({ "polytomic:baseUrl": remote, "polytomic:allowCleartextHttp": "true" }), {}),
    ).toEqual({ apiKey: KEY, baseUrl: remote, apiVersion: "2025-09-18" });
  });

  it.each(["yes", "1", "on"])("rejects %j, naming the setting and the values it takes", (value) => {
    const message = refusal(() => resolveSettings(withKey({ "polytomic:allowCleartextHttp": value }), {}));
    expect(message).toContain(`"${value}"`);
    expect(message).toContain("polytomic:allowCleartextHttp");
    expect(message).toContain("POLYTOMIC_ALLOW_CLEARTEXT_HTTP");
    expect(message).toMatch(/true or false/);
  });
});

describe("where the refusal surfaces", () => {
  afterEach(async () => {
    setDiagnosticSink(undefined);
    await resetRuntime();
  });

  const inputs: ConnectionInputs = {
    resourceUrn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:Connection::warehouse",
    name: "warehouse",
    type: "stripe",
    configuration: { api_key: "sk_test_cleartext" },
  };

  it("preview fails once on the resource, naming it, and up's create fails, without a request", async () => {
    // A host that cannot resolve: had a request been sent, the error would be a connection error.
    configureProvider(withKey({ "polytomic:baseUrl": "http://polytomic.invalid" }));
    const warnings: { urn: string; message: string }[] = [];
    setDiagnosticSink((urn, message) => warnings.push({ urn, message }));

    const checked = await connectionProvider.check?.({} as ConnectionInputs, inputs);
    expect(warnings).toEqual([]);
    expect(checked?.failures).toHaveLength(1);
    const reason = checked?.failures?.[0]?.reason ?? "";
    expect(reason).toMatch(
      /^Connection "warehouse": type could not be checked: Refusing Polytomic base URL /,
    );
    expectExplained(reason, "polytomic.invalid");
    expect(reason).not.toContain(KEY);

    const created = connectionProvider.create?.(inputs);
    await expect(created).rejects.toSatisfy(
      (err: unknown) => isPolytomicError(err) && err.code === "configuration",
    );
    await expect(created).rejects.toThrow(/API key would travel unencrypted/);
  });

  it("a lookup's own settings are held to the same rule, named as the lookup's, without a request", async () => {
    // No stack config at all: the lookup's settings carry everything, the key included.
    const remote = { apiKey: KEY, baseUrl: "http://polytomic.invalid" };
    const refused = getTargetObjects("conn-1", remote);
    await expect(refused).rejects.toSatisfy(
      (err: unknown) => isPolytomicError(err) && err.code === "configuration",
    );
    const message = await refused.catch((err: Error) => err.message);
    expect(message).toContain("the lookup's settings (baseUrl)");
    expect(message).toMatch(/API key would travel unencrypted/);
    expect(message).not.toContain(KEY);
    // Allowed by the call itself, the request is sent: to the emulator by its IPv4-mapped IPv6 address,
    // which the rule does not count as loopback (a refusal would name the setting instead).
    const emu = await startEmulator({ port: 0 });
    try {
      const mapped = `http://[::ffff:127.0.0.1]:${emu.port}`;
      await expect(getTargetObjects("conn-1", { apiKey: emu.apiKey, baseUrl: mapped })).rejects.toThrow(
        /Refusing Polytomic base URL/,
      );
      const allowed = getTargetObjects("conn-1", {
        apiKey: emu.apiKey,
        baseUrl: mapped,
        allowCleartextHttp: true,
      });
      await expect(allowed).rejects.toSatisfy(
        (err: unknown) => isPolytomicError(err) && err.code === "not_found",
      );
      expect(emu.countRequests({ method: "GET" })).toBe(1);
    } finally {
      await emu.close();
    }
  });
});
