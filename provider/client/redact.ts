/**
 * Removes credentials from anything attached to errors or logs: authorization headers, API keys,
 * passwords, tokens, private keys, service-account JSON, URL credentials. Recursive and cycle-safe.
 */

const SECRET_NAME =
  /(authorization|api[_-]?key|password|passwd|secret|token|private[_-]?key|credential|service[_-]?account|passphrase|client[_-]?key|cert)/i;
const REDACTED = "[redacted]";

/** A copy of `value` with every secret-looking member replaced. */
export function redact(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return value.replace(/\/\/[^/@\s]+:[^/@\s]+@/g, "//[redacted]@");
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, seen));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET_NAME.test(k) && v !== null && v !== "" ? REDACTED : redact(v, seen),
    ]),
  );
}
