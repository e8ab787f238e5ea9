/**
 * Redaction: secret-looking names, secrets inside strings, known values, cycles, and no mutation.
 */
import { describe, expect, it } from "vitest";
import { isSecretName, REDACTED, redact, redactString } from "../../../provider/client/redact";

describe("isSecretName", () => {
  it.each([
    "password",
    "Password",
    "db_password",
    "passwd",
    "apiKey",
    "api_key",
    "API-KEY",
    "x-api-key",
    "secret",
    "client_secret",
    "aws_secret_access_key",
    "access_key_id",
    "token",
    "oauth_refresh_token",
    "accessToken",
    "private_key",
    "privateKey",
    "ssh_private_key",
    "service_account",
    "serviceAccountJson",
    "credentials",
    "authorization",
    "Authorization",
    "cookie",
    "set-cookie",
    "passphrase",
    "key",
    "pwd",
  ])("%s is secret", (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    "host",
    "port",
    "username",
    "user",
    "database",
    "primary_key",
    "sort_key",
    "keys",
    "id",
    "type",
    "name",
  ])("%s is not", (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe("redactString", () => {
  it.each([
    ["https://user:pa55@host/x", "https://[redacted]@host/x"],
    ["see postgres://u:p@db:5432/app now", "see postgres://[redacted]@db:5432/app now"],
    ["Authorization: Bearer abc.def-ghi", "Authorization: Bearer [redacted]"],
    ["Basic dXNlcjpwYXNz", "Basic [redacted]"],
    [
      '{"private_key": "-----BEGIN PRIVATE KEY-----\\nAAA\\n-----END PRIVATE KEY-----"}',
      '{"private_key": "[redacted]"}',
    ],
    ["-----BEGIN RSA PRIVATE KEY-----\nAAA\n-----END RSA PRIVATE KEY-----", REDACTED],
    ["password=hunter2&user=bob", "password=[redacted]&user=bob"],
    ["api_key: 'abc123'", "api_key: '[redacted]'"],
    ["nothing to see", "nothing to see"],
  ])("%j -> %j", (input, output) => {
    expect(redactString(input)).toBe(output);
  });

  it("scrubs known secret values wherever they appear", () => {
    expect(redactString("key=sk_9999 and again sk_9999", { secrets: ["sk_9999"] })).not.toContain("sk_9999");
    // Too short to scrub safely: "a" would mangle every message.
    expect(redactString("a cat", { secrets: ["a"] })).toBe("a cat");
  });
});

describe("redact", () => {
  it("replaces secret members at any depth, in arrays and maps", () => {
    const input = {
      host: "db",
      password: "hunter2",
      configuration: { nested: [{ token: "t1", name: "n" }], service_account: { private_key: "k" } },
      map: new Map<string, unknown>([
        ["secret", "s"],
        ["plain", "p"],
      ]),
    };
    expect(redact(input)).toEqual({
      host: "db",
      password: REDACTED,
      configuration: { nested: [{ token: REDACTED, name: "n" }], service_account: REDACTED },
      map: { secret: REDACTED, plain: "p" },
    });
  });

  it("keeps empty and boolean values, which carry no secret", () => {
    expect(redact({ password: "", token: null, use_password: true, api_key: undefined })).toEqual({
      password: "",
      token: null,
      use_password: true,
      api_key: undefined,
    });
  });

  it("is cycle-safe and leaves the input untouched", () => {
    const input: Record<string, unknown> = { password: "p", shared: { a: 1 } };
    input.self = input;
    input.again = input.shared;
    const out = redact(input) as Record<string, unknown>;
    expect(out.self).toBe("[circular]");
    expect(out.again).toEqual({ a: 1 });
    expect(input.password).toBe("p");
  });

  it("survives very deep and odd values", () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 100; i++) deep = { next: deep };
    expect(JSON.stringify(redact(deep))).toContain("[too deep]");
    expect(redact(Buffer.from("secret"))).toBe("[binary]");
    expect(redact(new Date(0))).toBe("1970-01-01T00:00:00.000Z");
    expect(redact(new Error("Bearer abcdefgh"))).toEqual({ name: "Error", message: "Bearer [redacted]" });
    expect(redact(42)).toBe(42);
    expect(redact(undefined)).toBeUndefined();
  });
});
