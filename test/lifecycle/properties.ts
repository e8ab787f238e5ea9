/**
 * The lifecycle properties every resource kind must satisfy, written once over a {@link Kind}:
 *
 * (a) create, then diff with the same program: no change;
 * (b) read (refresh), then diff: no change, and read's props equal create's outs on every compared field;
 * (c) change one field: the diff names exactly that field, and replaces only on a documented replace field;
 * (c') apply that change (update): the next diff and a refresh find nothing, and the API holds the program;
 * ((a) and (b) share a create, as do (c) and (c'): each property still runs on every generated case)
 * (d) create, delete, create again with the same program: the new object exists in the API;
 * (e) delete out of band, read (gone), create again: it exists.
 */
import type * as pulumi from "@pulumi/pulumi";
import type fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AnyProvider,
  type Cleanup,
  create,
  diff,
  differing,
  type Env,
  expectNoChange,
  nextTag,
  PROPERTY_TIMEOUT_MS,
  property,
  rawGet,
  urnOf,
  withCleanup,
} from "./harness";

type Props = Record<string, unknown>;

/** The marker generators put in names; each run replaces it with a unique tag. */
export const TAG = "{tag}";

/** One field changed: `value` undefined means the program drops the field. */
export interface Change {
  readonly field: string;
  readonly value: unknown;
}

/** What the properties need to know of one resource kind. */
export interface Kind {
  /** Resource type name, e.g. `Connection`. */
  readonly name: string;
  readonly provider: AnyProvider;
  /** Program inputs (no `resourceUrn`; `name` may hold {@link TAG}), valid and free of unknowns. */
  readonly inputs: fc.Arbitrary<Props>;
  /** A valid change of one documented field of `inputs`. */
  readonly change: (inputs: Props) => fc.Arbitrary<Change>;
  /** Documented fields (Args members) whose change must show in the diff: every one but create-only knobs. */
  readonly compared: readonly string[];
  /** Whether changing `field` from `before` to `after` must replace (the README's "replaced when"). */
  readonly replaces: (change: Change, before: Props) => boolean;
  /** Names the provider may report for an Args member (e.g. ModelSync's `targetConnectionId` for `target`). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** The object's API path, or undefined when the resource has no object of its own. */
  readonly apiPath?: (id: string, outs: Props) => string;
  /** Extra checks that the API holds what the program says (after create and update). */
  readonly apiHolds?: (env: Env, id: string, program: Props) => Promise<void>;
  /** Makes what a case needs before its create (e.g. a fresh connection); may rewrite the inputs. */
  readonly prepare?: (env: Env, inputs: Props, cleanup: Cleanup) => Promise<Props>;
  /** Removes the object out of band (default: raw DELETE of {@link apiPath}). */
  readonly deleteOutOfBand?: (env: Env, id: string, outs: Props, program: Props) => Promise<void>;
  /**
   * After an out-of-band delete, whether a create with the same program must succeed (default) or fail
   * (SchemaReady: what it waits for is gone).
   */
  readonly recreateAfterOutOfBand?: "succeeds" | "fails";
  /** Whether the object still exists (default: raw GET of {@link apiPath} answers 200). */
  readonly exists?: (env: Env, id: string, outs: Props) => Promise<boolean>;
}

/** The program's inputs for one run: unique name and URN. */
function instantiate(kind: Kind, inputs: Props, tag = nextTag()): Props {
  const withName =
    typeof inputs.name === "string" ? { ...inputs, name: inputs.name.replaceAll(TAG, tag) } : inputs;
  return { ...withName, resourceUrn: urnOf(kind.name, `lc-${tag}`) };
}

function applyChange(program: Props, change: Change, tag: string): Props {
  const out = { ...program };
  if (change.value === undefined) delete out[change.field];
  else
    out[change.field] =
      typeof change.value === "string" ? change.value.replaceAll(TAG, `${tag}b`) : change.value;
  return out;
}

async function exists(kind: Kind, env: Env, id: string, outs: Props): Promise<boolean> {
  if (kind.exists) return kind.exists(env, id, outs);
  if (!kind.apiPath) throw new Error(`${kind.name}: no apiPath`);
  return (await rawGet(env, kind.apiPath(id, outs))) !== undefined;
}

async function createIn(kind: Kind, _env: Env, cleanup: Cleanup, program: Props) {
  const created = await create(kind.provider, program);
  if (kind.apiPath) cleanup.add(kind.apiPath(created.id, created.outs));
  return created;
}

async function read(provider: AnyProvider, id: string, outs: Props): Promise<pulumi.dynamic.ReadResult> {
  return (await provider.read?.(id, outs)) ?? {};
}

const mapName = (kind: Kind, name: string) => kind.aliases?.[name] ?? name;
const unique = (names: readonly string[]) => [...new Set(names)].sort();

/**
 * (a) create, then diff with the same program: no change; then (b) read (refresh), then diff: no
 * change, and read's props equal create's outs on every compared field. One create serves both.
 */
export function createAndRefreshSettle(kind: Kind, env: () => Env): () => Promise<void> {
  return () =>
    property(`${kind.name} (a) create then diff, (b) refresh then diff`, kind.inputs, (generated) =>
      withCleanup(env(), async (cleanup) => {
        let program = instantiate(kind, generated);
        if (kind.prepare) program = await kind.prepare(env(), program, cleanup);
        const created = await createIn(kind, env(), cleanup, program);
        await kind.apiHolds?.(env(), created.id, program);
        expectNoChange(
          await diff(kind.provider, created.id, created.inputs, created.outs, program),
          "(a) diff after create",
          kind.compared,
        );
        const result = await read(kind.provider, created.id, created.outs);
        expect(result.id, "(b) read of a live object returns its id").toBe(created.id);
        const props = (result.props ?? {}) as Props;
        expect(
          differing(props, created.outs, kind.compared),
          "(b) members where read's props differ from create's outs",
        ).toEqual([]);
        const inputs = (result.inputs ?? props) as Props;
        expectNoChange(
          await diff(kind.provider, created.id, inputs, inputs, program),
          "(b) diff after refresh (olds = read's inputs)",
          kind.compared,
        );
        expectNoChange(
          await diff(kind.provider, created.id, inputs, props, program),
          "(b) diff after refresh (olds = read's props, as the engine passes them)",
          kind.compared,
        );
      }),
    );
}

/** A program and one change of it. */
function withChange(kind: Kind): fc.Arbitrary<{ inputs: Props; change: Change }> {
  return kind.inputs.chain((inputs) => kind.change(inputs).map((change) => ({ inputs, change })));
}

/**
 * (c) change one field: the diff names exactly that field, and replaces only on documented replace
 * fields; then, unless it replaces, (c') apply it with update: the next diff and a refresh find nothing,
 * and the API holds the program.
 */
export function changeOneField(kind: Kind, env: () => Env): () => Promise<void> {
  return () =>
    property(
      `${kind.name} (c) one field changed, (c') update settles`,
      withChange(kind),
      ({ inputs, change }) =>
        withCleanup(env(), async (cleanup) => {
          const tag = nextTag();
          let program = instantiate(kind, inputs, tag);
          if (kind.prepare) program = await kind.prepare(env(), program, cleanup);
          const created = await createIn(kind, env(), cleanup, program);
          const changed = applyChange(program, change, tag);
          const result = await diff(kind.provider, created.id, created.inputs, created.outs, changed);
          const what = `(c) diff after changing ${change.field}`;
          expect(result.changes, `${what}: changes`).toBe(true);
          if (result.diffs !== undefined)
            expect(unique(result.diffs.map((d) => mapName(kind, d))), `${what}: diffs`).toEqual([
              change.field,
            ]);
          const replaces = unique((result.replaces ?? []).map((r) => mapName(kind, r)));
          const replacing = kind.replaces(change, program);
          expect(replaces, `${what}: replaces`).toEqual(replacing ? [change.field] : []);
          if (replacing) return;

          const updated = await kind.provider.update?.(created.id, created.outs, result.news);
          const outs = (updated?.outs ?? {}) as Props;
          await kind.apiHolds?.(env(), created.id, changed);
          expectNoChange(
            await diff(kind.provider, created.id, result.news, outs, changed),
            `(c') diff after updating ${change.field}`,
            kind.compared,
          );
          const refreshed = await read(kind.provider, created.id, outs);
          const props = (refreshed.props ?? {}) as Props;
          expect(
            differing(props, outs, kind.compared),
            `(c') members where read's props differ from update's outs after updating ${change.field}`,
          ).toEqual([]);
          expectNoChange(
            await diff(kind.provider, created.id, (refreshed.inputs ?? props) as Props, props, changed),
            `(c') diff after refresh after updating ${change.field}`,
            kind.compared,
          );
        }),
    );
}

/** (d) create, delete, create again with the same inputs: the new object exists. */
export function recreateAfterDelete(kind: Kind, env: () => Env): () => Promise<void> {
  return () =>
    property(`${kind.name} (d) destroy then up`, kind.inputs, (generated) =>
      withCleanup(env(), async (cleanup) => {
        let program = instantiate(kind, generated);
        if (kind.prepare) program = await kind.prepare(env(), program, cleanup);
        const first = await createIn(kind, env(), cleanup, program);
        await kind.provider.delete?.(first.id, first.outs);
        if (kind.apiPath)
          expect(await exists(kind, env(), first.id, first.outs), "exists after delete").toBe(false);
        const second = await createIn(kind, env(), cleanup, program);
        expect(
          await exists(kind, env(), second.id, second.outs),
          `the object of the second create (id ${second.id}; the deleted one was ${first.id}) exists`,
        ).toBe(true);
      }),
    );
}

/** (e) out-of-band delete, read reports gone, create again: it exists. */
export function recreateAfterOutOfBandDelete(kind: Kind, env: () => Env): () => Promise<void> {
  return () =>
    property(`${kind.name} (e) deleted out of band, refresh, up`, kind.inputs, (generated) =>
      withCleanup(env(), async (cleanup) => {
        let program = instantiate(kind, generated);
        if (kind.prepare) program = await kind.prepare(env(), program, cleanup);
        const first = await createIn(kind, env(), cleanup, program);
        if (kind.deleteOutOfBand) await kind.deleteOutOfBand(env(), first.id, first.outs, program);
        else if (kind.apiPath) {
          const response = await env().call("DELETE", kind.apiPath(first.id, first.outs));
          expect(response.status, "out-of-band DELETE").toBe(204);
        }
        const result = await read(kind.provider, first.id, first.outs);
        expect(result.id, "read after an out-of-band delete reports the object gone").toBeUndefined();
        if (kind.recreateAfterOutOfBand === "fails") {
          const error = await create(kind.provider, program).then(
            () => undefined,
            (err: unknown) => err,
          );
          expect(error, "create after its dependency was deleted must fail").toBeInstanceOf(Error);
          return;
        }
        const second = await createIn(kind, env(), cleanup, program);
        expect(
          await exists(kind, env(), second.id, second.outs),
          `the object of the create after the out-of-band delete (id ${second.id}; deleted: ${first.id}) exists`,
        ).toBe(true);
      }),
    );
}

/**
 * The four lifecycle properties of one resource kind as tests: `kind` and `env` are read when each test
 * runs, since both are set up in the file's `beforeAll`.
 */
export function describeLifecycle(name: string, kind: () => Kind, env: () => Env): void {
  describe(`${name} lifecycle`, () => {
    it(
      "(a) create then diff, (b) refresh then diff: no change",
      () => createAndRefreshSettle(kind(), env)(),
      PROPERTY_TIMEOUT_MS,
    );
    it(
      "(c) one field changed: the diff names it; (c') update settles",
      () => changeOneField(kind(), env)(),
      PROPERTY_TIMEOUT_MS,
    );
    it("(d) create, delete, create: exists", () => recreateAfterDelete(kind(), env)(), PROPERTY_TIMEOUT_MS);
    it(
      "(e) out-of-band delete, refresh, create: exists",
      () => recreateAfterOutOfBandDelete(kind(), env)(),
      PROPERTY_TIMEOUT_MS,
    );
  });
}
