/**
 * A small HTTP service that gives each tenant its own Pulumi stack (inline program, file backend):
 *   PUT    /tenants/:tenant   provision or update (body: TenantSpec)
 *   DELETE /tenants/:tenant   destroy and remove the stack
 *   GET    /tenants/:tenant   the stack's outputs
 *   GET    /stats             running operations and their peak
 * PUT and DELETE stream progress as newline-delimited JSON events and end with a `result` (or
 * `error`) event. At most `maxConcurrentStacks` operations run at once; one at a time per tenant.
 */
import {
  type EngineEvent,
  LocalWorkspace,
  type LocalWorkspaceOptions,
  type Stack,
} from "@pulumi/pulumi/automation";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { inlineProgramOptions } from "pulumi-polytomic";
import { KeyedQueue, Limiter } from "./limiter";
import { specProblem, type TenantSpec, tenantProgram } from "./tenantProgram";

/** Where the service runs stacks and which Polytomic API they manage. */
export interface ServiceOptions {
  /** The Polytomic API (base URL and key) every tenant stack talks to. */
  readonly polytomic: { readonly baseUrl?: string; readonly apiKey: string };
  /** Workspace settings: the pulumi CLI, PULUMI_HOME, and env with the file backend URL and passphrase. */
  readonly workspace: Pick<LocalWorkspaceOptions, "pulumiCommand" | "pulumiHome" | "envVars">;
  /** Stack operations allowed at once; default 2. */
  readonly maxConcurrentStacks?: number;
}

/** One line of a progress stream. */
export type ProgressEvent =
  | { type: "queued" | "started"; tenant: string; operation: string }
  | { type: "resource"; tenant: string; op: string; urn: string; status: "started" | "done" | "failed" }
  | { type: "result"; tenant: string; operation: string; outputs: Record<string, unknown> }
  | { type: "error"; tenant: string; operation: string; message: string };

const PROJECT = "polytomic-tenants";
const TENANT = /^[a-z0-9][a-z0-9-]{0,40}$/;

/** Engine events as progress events (resource steps only; diagnostics may carry values). */
function toProgress(tenant: string, event: EngineEvent): ProgressEvent | undefined {
  if (event.resourcePreEvent) {
    const m = event.resourcePreEvent.metadata;
    return { type: "resource", tenant, op: m.op, urn: m.urn, status: "started" };
  }
  if (event.resOutputsEvent) {
    const m = event.resOutputsEvent.metadata;
    return { type: "resource", tenant, op: m.op, urn: m.urn, status: "done" };
  }
  if (event.resOpFailedEvent) {
    const m = event.resOpFailedEvent.metadata;
    return { type: "resource", tenant, op: m.op, urn: m.urn, status: "failed" };
  }
  return undefined;
}

/** Builds the service (not listening yet). */
export function createTenantService(options: ServiceOptions): FastifyInstance & { limiter: Limiter } {
  const app = Fastify({ logger: false });
  const limiter = new Limiter(options.maxConcurrentStacks ?? 2);
  const perTenant = new KeyedQueue();

  // Whatever directory the service runs in, the engine finds the package's dynamic providers.
  const settings = inlineProgramOptions(options.workspace);
  const workspace = (tenant: string, spec: TenantSpec | undefined) => {
    const program = spec ? tenantProgram(tenant, spec) : async () => {};
    return LocalWorkspace.createOrSelectStack({ stackName: tenant, projectName: PROJECT, program }, settings);
  };

  const configure = async (stack: Stack) => {
    await stack.setConfig("polytomic:apiKey", { value: options.polytomic.apiKey, secret: true });
    if (options.polytomic.baseUrl)
      await stack.setConfig("polytomic:baseUrl", { value: options.polytomic.baseUrl });
  };

  /** Runs one operation for `tenant`, streaming its events to `reply`. */
  const stream = (
    reply: FastifyReply,
    tenant: string,
    operation: string,
    work: (emit: (e: ProgressEvent) => void) => Promise<Record<string, unknown>>,
  ) => {
    reply.hijack();
    reply.raw.writeHead(200, { "content-type": "application/x-ndjson" });
    const emit = (event: ProgressEvent) => reply.raw.write(`${JSON.stringify(event)}\n`);
    void perTenant
      .run(tenant, () =>
        limiter.run(
          async () => {
            emit({ type: "started", tenant, operation });
            return work(emit);
          },
          () => emit({ type: "queued", tenant, operation }),
        ),
      )
      .then(
        (outputs) => emit({ type: "result", tenant, operation, outputs }),
        (err: unknown) => {
          // The engine's message names the resource and the field; it never holds a secret value.
          const message = err instanceof Error ? err.message : String(err);
          emit({ type: "error", tenant, operation, message });
        },
      )
      .finally(() => reply.raw.end());
  };

  app.put<{ Params: { tenant: string } }>("/tenants/:tenant", async (request, reply) => {
    const { tenant } = request.params;
    if (!TENANT.test(tenant))
      return reply.code(400).send({ message: "tenant: use lowercase letters, digits and -" });
    const problem = specProblem(request.body);
    if (problem) return reply.code(400).send({ message: problem });
    const spec = request.body as TenantSpec;
    stream(reply, tenant, "up", async (emit) => {
      const stack = await workspace(tenant, spec);
      await configure(stack);
      const up = await stack.up({
        onEvent: (event) => {
          const progress = toProgress(tenant, event);
          if (progress) emit(progress);
        },
      });
      return Object.fromEntries(
        Object.entries(up.outputs).map(([k, v]) => [k, v.secret ? "[secret]" : v.value]),
      );
    });
    return reply;
  });

  app.delete<{ Params: { tenant: string } }>("/tenants/:tenant", async (request, reply) => {
    const { tenant } = request.params;
    if (!TENANT.test(tenant))
      return reply.code(400).send({ message: "tenant: use lowercase letters, digits and -" });
    stream(reply, tenant, "destroy", async (emit) => {
      const stack = await workspace(tenant, undefined);
      await configure(stack);
      await stack.destroy({
        onEvent: (event) => {
          const progress = toProgress(tenant, event);
          if (progress) emit(progress);
        },
      });
      await stack.workspace.removeStack(tenant);
      return {};
    });
    return reply;
  });

  app.get<{ Params: { tenant: string } }>("/tenants/:tenant", async (request, reply) => {
    const { tenant } = request.params;
    if (!TENANT.test(tenant))
      return reply.code(400).send({ message: "tenant: use lowercase letters, digits and -" });
    const stack = await workspace(tenant, undefined);
    const outputs = await stack.outputs();
    return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.secret ? "[secret]" : v.value]));
  });

  app.get("/stats", async () => ({ peak: limiter.peak }));

  return Object.assign(app, { limiter });
}
