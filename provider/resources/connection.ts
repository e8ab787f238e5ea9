/**
 * Connection: any Polytomic connection type.
 *
 * Endpoints: GET /api/connection_types/{type} (check), POST /api/connections, GET/PUT/DELETE
 * /api/connections/{id}.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isPolytomicError } from "../client/errors";
import { cached, configureProvider, getClient } from "../client/runtime";
import { adopt } from "../internal/adopt";
import { didYouMean, Failures, isUnknown, nameFromUrn } from "../internal/check";
import { warn } from "../internal/diagnostics";
import { canonical, diffProps } from "../internal/diff";
import { encodable } from "../internal/encodable";
import { noteConnectionCreated } from "../internal/freshConnections";
import { createLive } from "../internal/idempotency";
import { readListed } from "../internal/listedReads";
import { reportUnanswered, type Unanswered, unansweredBy } from "../internal/liveCheck";
import { checkName } from "../internal/names";
import { unlessNotFound } from "../internal/notFound";
import { bundledTypeIds, bundledTypeSchema } from "../internal/typeSchemas";
import type { ConnectionConfigurations } from "./connectionConfigs";

/** The mask the API returns in place of a secret. */
const SECRET_MASK = "********";

/** Type token: `pulumi-nodejs:dynamic/polytomic:Connection`. */
export const CONNECTION_TYPE = "pulumi-nodejs:dynamic/polytomic:Connection";
const REPLACE_ON = ["type"] as const;
const COMPARED = [
  "name",
  "type",
  "configuration",
  "policies",
  "healthcheckInterval",
  "organizationId",
  // Not read back from the API, but still the program's: a change alone is an update that records
  // it (delete reads forceDelete from state).
  "redirectUrl",
  "forceDelete",
] as const;

/**
 * The configuration type for connection type `T`: the type's generated interface for every type of the
 * bundled data (see {@link ConnectionConfigurations}: required, secret and server-set properties, enums,
 * defaults, nested objects), a plain record for a type only known at run time (`T` is `string`) or newer
 * than the data.
 */
export type ConfigurationOf<T extends string> = T extends keyof ConnectionConfigurations
  ? pulumi.Input<ConnectionConfigurations[T]>
  : pulumi.Input<Record<string, pulumi.Input<unknown>>>;

/** Arguments of a {@link Connection} of type `T`. */
export interface ConnectionArgs<T extends string = string> {
  /** Connection type id, e.g. `salesforce`, `snowflake`, `s3`. Changing this forces replacement. */
  readonly type: pulumi.Input<T>;
  /**
   * Type-specific configuration, typed for every connection type (226); keys the type's schema marks
   * sensitive are stored as Pulumi secrets. Checked at preview against `GET /api/connection_types/{type}`.
   */
  readonly configuration: ConfigurationOf<T>;
  /** Name in Polytomic (unique per organization); defaults to the resource name. */
  readonly name?: pulumi.Input<string>;
  /** Permission policy ids. */
  readonly policies?: pulumi.Input<pulumi.Input<string>[]>;
  /** Where the browser goes after completing OAuth (OAuth types). */
  readonly redirectUrl?: pulumi.Input<string>;
  /** Health-check interval as a Go duration, e.g. `3h30m`. */
  readonly healthcheckInterval?: pulumi.Input<string>;
  /** Partner callers: the organization to create the connection in. */
  readonly organizationId?: pulumi.Input<string>;
  /** On delete, also delete the models and syncs that use the connection (server-side cascade). */
  readonly forceDelete?: pulumi.Input<boolean>;
  /**
   * Id of an existing Polytomic object to bring under management instead of creating one: `pulumi up`
   * updates it to the program's values and the stack owns it from then on (destroy deletes it). Use
   * this rather than the `import` resource option, which dynamic resources cannot serve.
   */
  readonly adoptId?: pulumi.Input<string>;
}

/** The provider's view of the inputs. */
export interface ConnectionInputs {
  resourceUrn: string;
  name: string;
  type: string;
  configuration: Record<string, unknown>;
  policies?: string[];
  redirectUrl?: string;
  healthcheckInterval?: string;
  organizationId?: string;
  forceDelete?: boolean;
  adoptId?: string;
}

/** Outputs: the inputs plus what Polytomic reports. */
export interface ConnectionOutputs extends ConnectionInputs {
  connectionId: string;
  status: string;
  statusError: string;
  /**
   * While OAuth is pending, the URL to open in a browser to authorize the connection; else "". Absent
   * from states written before it was always set.
   */
  authUrl?: string;
}

interface ApiConnection {
  id: string;
  name: string;
  type: { id: string };
  configuration: Record<string, unknown>;
  status?: string;
  status_error?: string;
  policies?: string[];
  healthcheck_interval?: string;
  organization_id?: string;
  auth_url?: string;
  /** The code to enter in `connect_mode: "code"`. */
  auth_code?: string;
}

function toApiConnection(inputs: ConnectionInputs): Record<string, unknown> {
  return {
    name: inputs.name,
    type: inputs.type,
    configuration: inputs.configuration,
    validate: false,
    ...(inputs.policies ? { policies: inputs.policies } : {}),
    ...(inputs.redirectUrl ? { redirect_url: inputs.redirectUrl } : {}),
    ...(inputs.healthcheckInterval ? { healthcheck_interval: inputs.healthcheckInterval } : {}),
    ...(inputs.organizationId ? { organization_id: inputs.organizationId } : {}),
  };
}

/** Live configuration with masked secrets replaced by the values the program knows. */
function unmask(
  live: Record<string, unknown>,
  known: Record<string, unknown>,
  type: string,
): Record<string, unknown> {
  const properties = bundledTypeSchema(type)?.properties ?? {};
  // A value the program left out that equals the type's default was filled in by the API: not drift.
  const defaulted = (key: string, value: unknown) =>
    properties[key]?.default !== undefined && canonical(properties[key]?.default) === canonical(value);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(live)) {
    if (value === SECRET_MASK) {
      if (key in known) out[key] = known[key];
    } else if (
      key in known ||
      (value !== "" && value !== null && value !== false && !defaulted(key, value))
    ) {
      out[key] = value;
    }
  }
  // Secrets the API omits entirely stay as the program set them.
  for (const [key, value] of Object.entries(known)) if (!(key in out) && !(key in live)) out[key] = value;
  return out;
}

/**
 * `{ [key]: value }`, or nothing for an absent or empty value: the dynamic provider host cannot encode
 * an undefined member ("Unexpected struct type"), and an input left out must stay out.
 */
function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

function fromConnectionApi(
  api: ApiConnection,
  inputs: ConnectionInputs & { authUrl?: string },
): ConnectionOutputs {
  const { healthcheckInterval: _h, organizationId: _o, ...settings } = inputs;
  return {
    ...settings,
    name: api.name,
    type: api.type.id,
    // Imported or read by id, nothing is known yet: masked secrets are left out.
    configuration: unmask(api.configuration ?? {}, inputs.configuration ?? {}, api.type.id),
    ...(inputs.policies !== undefined || (api.policies?.length ?? 0) > 0
      ? { policies: api.policies ?? [] }
      : {}),
    // As the API holds them, so drift shows, when the program sets them. Left out, the API's value
    // stands (its default interval; the caller's organization), and the provider does not unset them.
    ...optional(
      "healthcheckInterval",
      inputs.healthcheckInterval !== undefined ? api.healthcheck_interval : undefined,
    ),
    ...optional("organizationId", inputs.organizationId !== undefined ? api.organization_id : undefined),
    connectionId: api.id,
    status: api.status ?? "",
    statusError: api.status_error ?? "",
    authUrl: pendingAuthUrl(api, inputs.authUrl),
  };
}

/**
 * The URL that authorizes the connection while OAuth is pending, else "" (a string either way, so the
 * output is known in previews and a stack output of it is never undefined). Create and update answers
 * carry `auth_url`; a GET does not (polytomic-api.md §1), so a refresh keeps the URL it knew while the
 * connection is still unhealthy and clears it once the connection is healthy.
 */
function pendingAuthUrl(api: ApiConnection, known: string | undefined): string {
  if (api.status === "healthy") return "";
  return api.auth_url ?? known ?? "";
}

/** Says at once where to authorize a connection that waits for OAuth, instead of after a timeout. */
async function announceAuthorization(inputs: ConnectionInputs, api: ApiConnection): Promise<void> {
  const url = pendingAuthUrl(api, undefined);
  if (!url) return;
  const code = api.auth_code ? ` and enter the code ${api.auth_code}` : "";
  await warn(
    inputs.resourceUrn,
    `${label(inputs)} waits for OAuth authorization: open ${url} in a browser${code}. ` +
      "Resources that need it (SchemaReady, the pipelines) wait for it and go on once it is authorized.",
  );
}

/** A connection type's JSON Schema, as far as checks read it. */
type ConnectionTypeSchema = { required?: string[]; properties?: Record<string, unknown> };

/** The type lookup's answer: the schema, an unknown type, or why the API did not answer. */
type TypeAnswer = ConnectionTypeSchema | { unknownType: true } | Unanswered;

/** An error no check expects, as an unanswered question (so it is said, never silent). */
function otherwiseUnanswered(err: unknown): Unanswered {
  return (
    unansweredBy(err) ?? {
      unanswered: "unreachable",
      reason: err instanceof Error ? err.message : String(err),
    }
  );
}

async function typeSchema(type: string): Promise<TypeAnswer> {
  try {
    return await cached(`connection_type:${type}`, () =>
      getClient().request<ConnectionTypeSchema>("GET", `/api/connection_types/${encodeURIComponent(type)}`),
    );
  } catch (err) {
    if (isPolytomicError(err) && err.code === "not_found") return { unknownType: true };
    // A refused key fails the check; an unreachable API is said, and what can be checked offline is.
    return otherwiseUnanswered(err);
  }
}

/** `Connection "x"`, as messages about the resource begin. */
function label(inputs: ConnectionInputs): string {
  return `Connection "${nameFromUrn(inputs.resourceUrn)}"`;
}

/** The organization's connections (id and name), as listed at `at` (ms since the epoch). */
interface ConnectionList {
  readonly at: number;
  readonly connections: readonly { readonly id: string; readonly name: string }[];
}

async function listConnections(): Promise<ConnectionList> {
  const at = Date.now();
  const response = await getClient().request<{ data: { id: string; name: string }[] | null }>(
    "GET",
    "/api/connections",
  );
  return { at, connections: (response.data ?? []).map((c) => ({ id: c.id, name: c.name })) };
}

/**
 * The organization's connections, listed once per provider process (`fresh`: listed anew, for a
 * collision found in a list older than the check, which may since have been renamed or deleted).
 */
async function existingConnections(fresh = false): Promise<ConnectionList | Unanswered> {
  try {
    return await (fresh ? listConnections() : cached("connections:names", listConnections));
  } catch (err) {
    return otherwiseUnanswered(err);
  }
}

/**
 * Names are unique per organization (polytomic-api.md §1): a name another connection already has
 * fails the POST (or the PUT of a rename) with 422, which preview warns of. Checked when the resource
 * is created or renamed, never for the name it already has (its own connection holds it), and not for
 * a connection created in another organization (`organizationId`), which the list does not cover. One
 * GET at most per check:
 * the list is shared by the checks of a process, and listed anew only to confirm a collision found in a
 * list older than this check.
 */
async function checkNameFree(
  failures: Failures,
  olds: Partial<ConnectionOutputs>,
  news: ConnectionInputs,
  listing: { readonly since: number; readonly list: Promise<ConnectionList | Unanswered> } | undefined,
): Promise<void> {
  if (!listing) return;
  const own = new Set([olds.connectionId, olds.adoptId, news.adoptId].filter((id) => typeof id === "string"));
  const holder = (list: ConnectionList) =>
    list.connections.find((c) => c.name === news.name && !own.has(c.id));
  let existing = await listing.list;
  if (!("unanswered" in existing) && existing.at < listing.since && holder(existing))
    existing = await existingConnections(true);
  if ("unanswered" in existing) {
    await reportUnanswered(failures, label(news), "name", `name "${news.name}"`, news.resourceUrn, existing);
    return;
  }
  const other = holder(existing);
  // A warning, not a failure: the holder may be this very resource's create from an `up` that was
  // killed before recording it, which the create's idempotency key answers back (crash recovery).
  if (other)
    await warn(
      news.resourceUrn,
      `${label(news)}: name "${news.name}" is already used by connection ${other.id} in this organization, ` +
        "so a create will fail unless that connection is this resource's own from an interrupted up; set a " +
        `different name, or adoptId: "${other.id}" to manage that one`,
    );
}

/** Whether check should look the name up: a known name new to this resource, in the caller's organization. */
function nameToLookUp(olds: Partial<ConnectionOutputs>, news: ConnectionInputs): boolean {
  if (typeof news.name !== "string" || isUnknown(news.name) || news.name.trim() === "") return false;
  if (news.organizationId !== undefined) return false;
  const exists = typeof olds.type === "string" || typeof olds.connectionId === "string";
  return !(exists && olds.name === news.name);
}

/**
 * Compiled validators by type schema, so compiling is paid once per type per provider process instead
 * of once per check (with a fresh Ajv each time, 400 connections spent 6 s compiling).
 */
const validators = new WeakMap<object, import("ajv").ValidateFunction>();

/** One Ajv for every type: a fresh instance's first compile costs ~40 ms, later ones ~1 ms. */
let ajv: import("ajv/dist/2020").default | undefined;

/**
 * The shared Ajv, created on first use with a throwaway compile: loading Ajv and its first compile
 * (its code generator) cost ~120 ms, which the first check pays while its type's schema is in flight.
 */
function sharedAjv(): import("ajv/dist/2020").default {
  if (!ajv) {
    const Ajv2020 = (require("ajv/dist/2020") as typeof import("ajv/dist/2020")).default;
    ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.compile({ type: "object" });
  }
  return ajv;
}

/**
 * `schema` with every required property that has a `default` made optional, at any depth: the API fills
 * in the default when it is omitted (seed 000's S3 connection has no `auth_mode`).
 */
function omittableDefaults(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const out: Record<string, unknown> = { ...schema };
  out.required = ((schema.required ?? []) as string[]).filter((p) => properties[p]?.default === undefined);
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([name, child]) => [
        name,
        typeof child === "object" && child !== null ? omittableDefaults(child) : child,
      ]),
    );
  }
  if (typeof schema.items === "object" && schema.items !== null)
    out.items = omittableDefaults(schema.items as Record<string, unknown>);
  return out;
}

function validatorOf(schema: ConnectionTypeSchema): import("ajv").ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    const { $schema: _s, $id: _i, ...rest } = schema as Record<string, unknown>;
    validate = sharedAjv().compile(omittableDefaults(rest));
    validators.set(schema, validate);
  }
  return validate;
}

/**
 * Properties a type's schema lists as required that the API does not need in the configuration's mode.
 * Salesforce's schema requires `client_id` and `client_secret`, but they go with `connect_mode` `api`
 * (and, in older docs, `clientcredentials`); OAuth (`browser`, the default, or `code`) needs only the
 * domain, as the official examples send it (connection-types.md, Salesforce, conditional rules).
 */
function requiredOnlyInOtherModes(type: string, configuration: Record<string, unknown>): ReadonlySet<string> {
  if (type !== "salesforce") return new Set();
  const mode = configuration.connect_mode ?? "browser";
  return mode === "api" || mode === "clientcredentials" ? new Set() : new Set(["client_id", "client_secret"]);
}

/** Validates configuration against the connection type's JSON Schema from the API. */
async function checkConfiguration(
  failures: Failures,
  inputs: ConnectionInputs,
  pending: Promise<TypeAnswer> | undefined,
): Promise<void> {
  if (!pending) return;
  sharedAjv(); // synchronous work done while the request is on the network
  const schema = await pending;
  if ("unanswered" in schema) {
    await reportUnanswered(failures, label(inputs), "type", "configuration", inputs.resourceUrn, schema);
    return;
  }
  if ("unknownType" in schema) {
    failures.add(
      "type",
      `is not a Polytomic connection type ("${inputs.type}")${didYouMean(inputs.type, bundledTypeIds())}`,
    );
    return;
  }
  const configuration = Object.fromEntries(
    Object.entries(inputs.configuration).filter(([, v]) => !isUnknown(v)),
  );
  const validate = validatorOf(schema);
  if (validate(configuration)) return;
  const optional = requiredOnlyInOtherModes(inputs.type, configuration);
  for (const error of validate.errors ?? []) {
    if ("missingProperty" in error.params && optional.has(String(error.params.missingProperty))) continue;
    const missing = "missingProperty" in error.params ? `.${String(error.params.missingProperty)}` : "";
    const allowed =
      "allowedValues" in error.params ? ` (${(error.params.allowedValues as unknown[]).join(", ")})` : "";
    failures.add(
      `configuration${error.instancePath.replaceAll("/", ".")}${missing}`,
      `${error.message ?? "is invalid"}${allowed}`,
    );
  }
}

/** The implementation behind the shim. */
export const connectionProvider: pulumi.dynamic.ResourceProvider<ConnectionInputs, ConnectionOutputs> =
  encodable({
    async configure(req) {
      configureProvider(req.config);
    },

    async check(olds, news) {
      const failures = new Failures("Connection", nameFromUrn(news.resourceUrn));
      failures.requireString("type", news.type);
      checkName(failures, "name", news.name);
      const nameFailed = failures.list.some((f) => f.property === "name");
      // Both lookups at once: an unreachable API then costs one round of retries, not two.
      const configurationKnown =
        !isUnknown(news.configuration) &&
        typeof news.configuration === "object" &&
        news.configuration !== null &&
        !Array.isArray(news.configuration);
      // A type and configuration that a check passed and `up` applied are not sent to the API again:
      // an unchanged preview makes no call.
      const applied =
        olds?.type === news.type && canonical(olds?.configuration) === canonical(news.configuration);
      const types =
        configurationKnown &&
        !applied &&
        typeof news.type === "string" &&
        !isUnknown(news.type) &&
        news.type !== ""
          ? typeSchema(news.type)
          : undefined;
      const listing =
        !nameFailed && nameToLookUp(olds, news)
          ? { since: Date.now(), list: existingConnections() }
          : undefined;
      if (
        !isUnknown(news.configuration) &&
        (typeof news.configuration !== "object" ||
          news.configuration === null ||
          Array.isArray(news.configuration))
      ) {
        failures.add("configuration", "must be an object");
      } else if (!isUnknown(news.configuration)) {
        await checkConfiguration(failures, news, types);
      }
      await checkNameFree(failures, olds, news, listing);
      return failures.list.length > 0 ? { failures: failures.list } : { inputs: news };
    },

    async diff(_id, olds, news) {
      const result = diffProps(
        olds as unknown as Record<string, unknown>,
        news as unknown as Record<string, unknown>,
        COMPARED,
        REPLACE_ON,
      );
      // Names are unique per organization: a replacement that keeps the name must delete first.
      return {
        ...result,
        deleteBeforeReplace: (result.replaces?.length ?? 0) > 0 && olds.name === news.name,
      };
    },

    async create(inputs) {
      if (inputs.adoptId) {
        const id = inputs.adoptId;
        return adopt(
          `Connection "${nameFromUrn(inputs.resourceUrn)}"`,
          "connection",
          id,
          `/api/connections/${id}`,
          () => connectionProvider.update?.(id, inputs as ConnectionOutputs, inputs) ?? Promise.resolve({}),
        );
      }
      const body = toApiConnection(inputs);
      const response = await createLive({
        resourceUrn: inputs.resourceUrn,
        body,
        post: (key) =>
          getClient().request<{ data: ApiConnection }>("POST", "/api/connections", {
            body,
            idempotencyKey: key,
          }),
        idOf: (created) => created.data.id,
        pathOf: (id) => `/api/connections/${id}`,
      });
      noteConnectionCreated(response.data.id);
      await announceAuthorization(inputs, response.data);
      return { id: response.data.id, outs: fromConnectionApi(response.data, inputs) };
    },

    async read(id, props) {
      const known = props as ConnectionOutputs;
      const client = getClient();
      const response = await readListed<ApiConnection>(client, "/api/connections", id, () =>
        unlessNotFound(() => client.request<{ data: ApiConnection }>("GET", `/api/connections/${id}`)),
      );
      if (!response) return {};
      const outs = fromConnectionApi(response.data, known);
      const { connectionId: _c, status: _s, statusError: _e, authUrl: _a, ...inputs } = outs;
      // Returning inputs makes out-of-band edits show as drift in the next preview.
      return { id, props: outs, inputs: inputs as ConnectionOutputs };
    },

    async update(id, _olds, news) {
      // PUT replaces the whole object; the program's configuration carries every secret. Policies the
      // program no longer lists are removed: an omitted list would leave them in place.
      const response = await getClient().request<{ data: ApiConnection }>("PUT", `/api/connections/${id}`, {
        body: { ...toApiConnection(news), policies: news.policies ?? [] },
      });
      return { outs: fromConnectionApi(response.data, news) };
    },

    async delete(id, props) {
      try {
        await getClient().request("DELETE", `/api/connections/${id}`, {
          query: { force: props.forceDelete ? true : undefined },
        });
      } catch (err) {
        if (!(isPolytomicError(err) && err.code === "not_found")) throw err;
      }
    },
  });
