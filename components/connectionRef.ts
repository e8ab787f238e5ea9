/**
 * How components take a connection: an existing one by id, or the configuration of a new one the
 * component creates as its child. One helper resolves either into an id and a pending OAuth URL.
 */
import * as pulumi from "@pulumi/pulumi";
import { Connection } from "../provider/dynamic/connectionResource";
import type { SchemaReady } from "../provider/dynamic/schemaReadyResource";
import type { ConfigurationOf } from "../provider/resources/connection";

/** An existing Polytomic connection, by id. */
export interface ExistingConnection {
  /** The connection's id (e.g. another stack's output). */
  readonly connectionId: pulumi.Input<string>;
}

/** A connection the component creates. */
export interface NewConnection<C> {
  /** Name in Polytomic; defaults to the child resource's name. */
  readonly name?: pulumi.Input<string>;
  /** The connection's configuration. */
  readonly configuration: C;
  /** Where the browser goes after completing OAuth (OAuth types). */
  readonly redirectUrl?: pulumi.Input<string>;
  /** On delete, also delete what uses the connection (server-side cascade). */
  readonly forceDelete?: pulumi.Input<boolean>;
}

/** Either an existing connection or one to create. */
export type ConnectionRef<C> = ExistingConnection | NewConnection<C>;

/**
 * A connection of any type for a pipeline: existing by id, or `type` + `configuration` to create. With a
 * literal `type` (e.g. `"zendesk_support"`), `configuration` is that type's typed configuration
 * ({@link ConfigurationOf}), as for a {@link Connection}; a type only known at run time takes a record.
 */
export type AnyConnectionRef<T extends string = string> =
  | { readonly connectionId: pulumi.Input<string> }
  | {
      /** Connection type id, e.g. `hubspot`, `postgresql`. */
      readonly type: pulumi.Input<T>;
      /** Name in Polytomic; defaults to the child's name. */
      readonly name?: pulumi.Input<string>;
      /** The type's configuration, typed for every connection type the data knows. */
      readonly configuration: ConfigurationOf<T>;
      /** Where the browser goes after OAuth. */
      readonly redirectUrl?: pulumi.Input<string>;
    };

/** A connection resolved for wiring. */
export interface ResolvedConnection {
  /** Its id. */
  readonly id: pulumi.Output<string>;
  /** Its pending OAuth URL; "" when none is pending (healthy, existing, or waited for). */
  readonly authUrl: pulumi.Output<string>;
  /** The child resource, when the component created it. */
  readonly resource?: Connection;
}

/** True when `ref` names an existing connection. */
export function isExisting<C>(ref: ConnectionRef<C>): ref is ExistingConnection {
  return "connectionId" in ref && ref.connectionId !== undefined;
}

/**
 * Why `ref` is unusable, or undefined: exactly one of `connectionId` and `configuration` must be given.
 * @param what - the argument's path for the message, e.g. `args.salesforce`.
 */
export function connectionRefProblem(what: string, ref: unknown): string | undefined {
  if (typeof ref !== "object" || ref === null)
    return `${what} is required: { connectionId } or { configuration }`;
  const hasId = "connectionId" in ref && (ref as ExistingConnection).connectionId !== undefined;
  const hasConfiguration =
    "configuration" in ref && (ref as NewConnection<unknown>).configuration !== undefined;
  if (hasId && hasConfiguration) return `${what}: give connectionId or configuration, not both`;
  if (!hasId && !hasConfiguration)
    return `${what} needs connectionId (an existing connection) or configuration (a new one)`;
  return undefined;
}

/** Creates the connection as `childName` under `parent`, or wires the existing one. */
export function resolveConnection<C>(
  parent: pulumi.ComponentResource,
  childName: string,
  type: pulumi.Input<string>,
  ref: ConnectionRef<C>,
): ResolvedConnection {
  if (isExisting(ref)) {
    return { id: pulumi.output(ref.connectionId), authUrl: pulumi.output("") };
  }
  const resource = new Connection(
    childName,
    {
      type,
      configuration: ref.configuration as pulumi.Input<Record<string, pulumi.Input<unknown>>>,
      ...(ref.name !== undefined ? { name: ref.name } : {}),
      ...(ref.redirectUrl !== undefined ? { redirectUrl: ref.redirectUrl } : {}),
      ...(ref.forceDelete !== undefined ? { forceDelete: ref.forceDelete } : {}),
    },
    { parent },
  );
  // States written before authUrl was always a string lack it.
  return { id: resource.id, authUrl: resource.authUrl.apply((url) => url ?? ""), resource };
}

/**
 * `connection` once `ready` exists: SchemaReady is created only when the connection is healthy, so no
 * authorization is pending any more, even though the connection's own `authUrl` keeps what it was
 * when created until a refresh.
 */
export function waitedFor(connection: ResolvedConnection, ready: SchemaReady): ResolvedConnection {
  return { ...connection, authUrl: ready.id.apply(() => "") };
}

/** The first pending OAuth URL among `connections`, or "" when none is pending. */
export function pendingAuthUrl(...connections: ResolvedConnection[]): pulumi.Output<string> {
  return pulumi
    .all(connections.map((c) => c.authUrl))
    .apply((urls) => urls.find((u) => typeof u === "string" && u !== "") ?? "");
}

/** Throws one error listing every problem, prefixed with the component and its name. */
export function throwIfProblems(component: string, name: string, problems: (string | undefined)[]): void {
  const found = problems.filter((p): p is string => p !== undefined);
  if (found.length > 0) throw new Error(`${component} "${name}": ${found.join("; ")}`);
}

/** A typed connection ref as a pipeline's untyped one, with the preset's connection type. */
export function withType<C>(
  ref: ConnectionRef<C>,
  type: string,
): ExistingConnection | { type: string; configuration: pulumi.Input<Record<string, pulumi.Input<unknown>>> } {
  // Both given is an error the pipeline's validation reports, so keep both.
  if (ref !== undefined && isExisting(ref) && !("configuration" in ref))
    return { connectionId: ref.connectionId };
  return { ...(ref as object), type } as {
    type: string;
    configuration: pulumi.Input<Record<string, pulumi.Input<unknown>>>;
  };
}
