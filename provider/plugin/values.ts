/**
 * Property values between the engine's wire form and the implementations': secrets arrive wrapped in
 * Pulumi's signature object (the plugin accepts secrets, so the engine sends them marked) and leave
 * wrapped again, per top-level property; unknown values of a preview are the engine's sentinel
 * string, which the implementations already recognise (`isUnknown`).
 */

/** Key and value that mark an object as one of Pulumi's special values, and which one: a secret. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Properties as the engine's Structs carry them. */
export type Props = Record<string, unknown>;

function isSecret(value: unknown): value is { value?: unknown } {
  return typeof value === "object" && value !== null && (value as Props)[SIG_KEY] === SECRET_SIG;
}

/** `value` without secret wrappers at any depth, and whether it held one. */
function reveal(value: unknown): { value: unknown; secret: boolean } {
  if (isSecret(value)) return { value: reveal(value.value).value, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(reveal);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, reveal(v)] as const);
    return {
      value: Object.fromEntries(entries.map(([k, r]) => [k, r.value])),
      secret: entries.some(([, r]) => r.secret),
    };
  }
  return { value, secret: false };
}

/** `props` in the clear, and the top-level properties that held a secret anywhere. */
export function revealed(props: Props): { props: Props; secretKeys: Set<string> } {
  const out: Props = {};
  const secretKeys = new Set<string>();
  for (const [key, value] of Object.entries(props)) {
    const r = reveal(value);
    out[key] = r.value;
    if (r.secret) secretKeys.add(key);
  }
  return { props: out, secretKeys };
}

/** `props` with the properties named in `secretKeys` wrapped as secrets. */
export function withSecrets(props: Props, secretKeys: Iterable<string>): Props {
  const out: Props = { ...props };
  for (const key of secretKeys) {
    if (key in out && out[key] !== undefined) out[key] = { [SIG_KEY]: SECRET_SIG, value: out[key] };
  }
  return out;
}
