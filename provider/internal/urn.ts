/**
 * The resource's own URN as an input (`__resourceUrn`, the implementations' `resourceUrn`, see
 * engineKeys.ts), which check messages and idempotency keys use.
 *
 * It must not depend on the parent *resource*: depending on a ComponentResource means depending on all
 * of its children, the resource itself included, so a child of a component would wait for itself
 * forever. The parent's URN is therefore passed as a plain value without resource dependencies.
 */
import * as pulumi from "@pulumi/pulumi";

/** The URN `name` of `type` will have under `opts.parent`. */
export function resourceUrnOf(
  name: string,
  type: string,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<string> {
  const parent = opts.parent;
  if (!parent) return pulumi.createUrn(name, type);
  const parentUrn = new Promise<string>((resolve) => {
    parent.urn.apply((urn) => {
      resolve(urn);
      return urn;
    });
  });
  return pulumi.createUrn(name, type, pulumi.output(parentUrn));
}
