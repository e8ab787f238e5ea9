/**
 * Which configuration keys are secrets, and wrapping them as Pulumi secrets before they become inputs,
 * so a password passed as a plain string is still encrypted in state.
 */
import * as pulumi from "@pulumi/pulumi";

/** The mask the API returns in place of a secret. */
export const SECRET_MASK = "********";

const SENSITIVE =
  /(password|passwd|secret|token|api_key|private_key|passphrase|service_account|credential|consumer_key|client_id|client_key|client_certificate|ca_cert)/i;

/** Whether a configuration key holds a secret (the names Polytomic's connection types mark sensitive). */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE.test(key);
}

/** The configuration with every sensitive member wrapped in `pulumi.secret`. */
export function secretConfiguration(
  configuration: pulumi.Input<Record<string, pulumi.Input<unknown>>>,
): pulumi.Input<Record<string, pulumi.Input<unknown>>> {
  if (
    pulumi.Output.isInstance(configuration) ||
    typeof configuration !== "object" ||
    configuration === null
  ) {
    // Unknown shape until apply: protect all of it.
    return pulumi.secret(configuration) as unknown as pulumi.Output<Record<string, unknown>>;
  }
  return Object.fromEntries(
    Object.entries(configuration as Record<string, pulumi.Input<unknown>>).map(([k, v]) => [
      k,
      isSensitiveKey(k) ? pulumi.secret(v) : v,
    ]),
  );
}
