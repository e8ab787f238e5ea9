/**
 * Removes credentials from anything the provider attaches to an error: authorization headers, API
 * keys, passwords, secrets, tokens, private keys and service-account JSON, URL credentials, and any
 * known secret value (the API key) wherever it appears in a string. Recursive and cycle-safe, and it
 * returns a copy: the input is never modified.
 */

import { sensitiveMemberNames } from "../internal/typeSchemas";

/** What replaces a secret. */
export const REDACTED = "[redacted]";

/** Options for {@link redact}. */
export interface RedactOptions {
  /** Exact values to scrub from every string, e.g. the API key in use. Values under 4 characters are ignored. */
  readonly secrets?: readonly string[];
}

// Member names are compared lowercased with separators removed, so `api_key`, `apiKey` and
// `API-KEY` all read as `apikey`. Substrings catch vendor variants (`oauth_refresh_token`).
const SECRET_NAME_PARTS = [
  "password",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "apikey",
  "accesskey",
  "privatekey",
  "signingkey",
  "encryptionkey",
  "accountkey",
  "masterkey",
  "sshkey",
  "clientkey",
  "credential",
  "authorization",
  "serviceaccount",
  "keyfile",
  "cookie",
  "sessionid",
  "signature",
];
// Short names that would match far too much as substrings ("key" is in "primary_key").
const SECRET_NAMES_EXACT = new Set(["key", "pwd", "pass", "auth", "sas", "pat", "pin"]);

// Hard limit on nesting: error metadata is small, and a pathological object must not hang the error path.
const MAX_DEPTH = 32;

/**
 * True when a member name suggests its value is a credential: a name some connection type's schema
 * marks sensitive (`write_key`, `access_id`, ...), or one of the patterns above for everything else.
 */
export function isSecretName(name: string): boolean {
  if (sensitiveMemberNames().has(name)) return true;
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  return SECRET_NAMES_EXACT.has(normalized) || SECRET_NAME_PARTS.some((part) => normalized.includes(part));
}

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"'<>]+@/gi;
const AUTH_SCHEME = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{4,}/g;
const PEM_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;
// `"private_key": "..."` or `password=...` inside free text, e.g. a service-account JSON pasted
// into a message, or a connection string echoed by the API.
const INLINE_ASSIGNMENT =
  /(["']?)([A-Za-z0-9_-]*(?:password|passwd|secret|token|api_?key|private_?key|credential)[A-Za-z0-9_-]*)\1(\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}"']+)/gi;

/** A copy of `text` with credentials replaced by {@link REDACTED}. */
export function redactString(text: string, options: RedactOptions = {}): string {
  let out = text;
  for (const secret of options.secrets ?? []) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(PEM_BLOCK, REDACTED)
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
    .replace(INLINE_ASSIGNMENT, (_match, quote: string, name: string, sep: string, value: string) => {
      const q = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : "";
      return `${quote}${name}${quote}${sep}${q}${REDACTED}${q}`;
    });
}

/** A copy of `value` with every secret-looking member and string replaced. */
export function redact(value: unknown, options: RedactOptions = {}): unknown {
  return walk(value, options, new WeakSet<object>(), 0);
}

function walk(value: unknown, options: RedactOptions, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === "string") return redactString(value, options);
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return "[binary]";
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => walk(v, options, seen, depth + 1));
    if (value instanceof Map) {
      return walkEntries(
        [...value.entries()].map(([k, v]) => [String(k), v]),
        options,
        seen,
        depth,
      );
    }
    if (value instanceof Error) {
      return { name: value.name, message: redactString(value.message, options) };
    }
    return walkEntries(Object.entries(value), options, seen, depth);
  } finally {
    // Only ancestors count as cycles; a value shared by two siblings is walked twice, not elided.
    seen.delete(value);
  }
}

function walkEntries(
  entries: readonly (readonly [string, unknown])[],
  options: RedactOptions,
  seen: WeakSet<object>,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    // Empty and boolean values carry no secret and say something useful ("password": "" is missing).
    const keep = v === null || v === undefined || v === "" || typeof v === "boolean";
    out[k] = isSecretName(k) && !keep ? REDACTED : walk(v, options, seen, depth + 1);
  }
  return out;
}
