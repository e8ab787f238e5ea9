/**
 * The emulator's state: every object, the schema-cache timeline of each connection, and the recorded
 * outcomes of idempotent requests. With a state file, every commit is written to a temporary file,
 * fsynced and renamed over the old one before the response goes out, so a `kill -9` loses nothing that
 * was acknowledged.
 */
import { randomUUID } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";

/** A schedule in the canonical (2025-09-18) form. */
export interface StoredSchedule {
  frequency: string;
  minute?: string;
  hour?: string;
  day_of_week?: string;
  day_of_month?: string;
  month?: string;
  id: string;
  schemas?: string[];
  selective_mode?: string;
  resync_mode?: string;
}

/** A connection, secrets in plaintext (only ever answered masked). */
export interface StoredConnection {
  id: string;
  name: string;
  type: string;
  organization_id: string;
  configuration: Record<string, unknown>;
  policies: string[];
  healthcheck_interval?: string;
  redirect_url?: string;
  /** OAuth not completed yet: not healthy, no schema cache. */
  oauth_pending: boolean;
  /** When the first (or latest) schema refresh started and when it finishes. */
  cache_started_at?: string;
  cache_ready_at?: string;
  created_at: string;
  updated_at: string;
}

/** Per-sync selection of one source schema. */
export interface StoredBulkSchema {
  id: string;
  enabled: boolean;
  fields: { id: string; enabled: boolean; obfuscated: boolean; user_output_name?: string }[];
  filters: { field_id: string; function: string; value?: unknown }[];
  partition_key?: string;
  tracking_field?: string;
  data_cutoff_timestamp?: string;
  disable_data_cutoff?: boolean;
  user_output_name?: string;
}

/** A bulk sync, with its schedules in the canonical form. */
export interface StoredBulkSync {
  id: string;
  name: string;
  organization_id: string;
  source_connection_id: string;
  destination_connection_id: string;
  mode: string;
  active: boolean;
  source_configuration?: Record<string, unknown>;
  destination_configuration: Record<string, unknown>;
  default_schedule: StoredSchedule;
  additional_schedules: StoredSchedule[];
  automatically_add_new_objects: string;
  automatically_add_new_fields: string;
  normalize_names: string;
  data_cutoff_timestamp?: string;
  disable_record_timestamps: boolean;
  concurrency_limit?: number;
  resync_concurrency_limit?: number;
  policies?: string[];
  schemas: StoredBulkSchema[];
  running_execution?: StoredBulkExecution;
  last_execution?: StoredBulkExecution;
  created_at: string;
  updated_at: string;
}

/** One schema of a bulk sync execution. */
export interface StoredBulkSchemaExecution {
  schema: string;
  output_name: string;
  status: string;
  status_message: string;
  record_count: number;
  error_count: number;
  warning_count: number;
  created_at: string;
  started_at: string;
  completed_at: string | null;
  updated_at: string;
}

/** A bulk sync execution, stored as the API shows it. */
export interface StoredBulkExecution {
  id: string;
  type: string;
  status: string;
  status_message: string;
  created_at: string;
  started_at: string;
  completed_at: string | null;
  updated_at: string;
  record_count: number;
  error_count: number;
  warning_count: number;
  is_test: boolean;
  is_resync: boolean;
  is_partial: boolean;
  fetch_mode: string;
  output_disposition: string;
  schemas: StoredBulkSchemaExecution[];
}

/** One field of a model, resolved from the source's catalogue. */
export interface StoredModelField {
  id: string;
  name: string;
  label: string;
  type: string;
  remote_type: string;
  description: string;
  example: string | null;
  unique: boolean;
  user_added: boolean;
}

/** A model: a view over one source object, with the fields it exposes. */
export interface StoredModel {
  id: string;
  name: string;
  organization_id: string;
  connection_id: string;
  /** How the source is read: query, table, view, collection, file or object. */
  type: string;
  version: number;
  configuration: Record<string, unknown>;
  identifier: string | null;
  tracking_columns: string[];
  labels: string[];
  policies: string[];
  fields: StoredModelField[];
  /** Field ids the model was created with (`fields`), empty when all are enabled. */
  enabled_fields: string[];
  additional_fields: { name: string; label: string; type: string; example?: string }[];
  relations: { from: string; to: { model_id: string; field: string } }[];
  created_at: string;
  updated_at: string;
}

/** A model sync (`/api/syncs`), stored in its request shape plus server fields. */
export interface StoredModelSync {
  id: string;
  name: string;
  organization_id: string;
  mode: string;
  active: boolean;
  schedule: Record<string, unknown>;
  target: Record<string, unknown>;
  fields: Record<string, unknown>[];
  /** Optional values below are stored only when the request set them (unset reads back absent). */
  override_fields?: Record<string, unknown>[];
  overrides?: Record<string, unknown>[];
  filters?: Record<string, unknown>[];
  filter_logic?: string;
  identity?: Record<string, unknown>;
  policies?: string[];
  only_enrich_updates?: boolean;
  skip_initial_backfill?: boolean;
  sync_all_records?: boolean;
  encryption_passphrase?: string;
  model_ids: string[];
  running_execution_id?: string;
  last_execution?: { id: string; status: string; created_at: string; completed_at: string };
  created_at: string;
  updated_at: string;
}

/** The recorded outcome of a request made with an Idempotency-Key. */
export interface IdempotencyRecord {
  status: number;
  body: string;
  recorded_at: number;
}

/** Everything the emulator persists. */
export interface StateData {
  connections: Record<string, StoredConnection>;
  bulkSyncs: Record<string, StoredBulkSync>;
  models: Record<string, StoredModel>;
  modelSyncs: Record<string, StoredModelSync>;
  idempotency: Record<string, IdempotencyRecord>;
}

/** Kinds of objects tests can inspect. */
export type StoreKind = "connections" | "models" | "modelSyncs" | "bulkSyncs";

const KINDS: readonly StoreKind[] = ["connections", "models", "modelSyncs", "bulkSyncs"];

function emptyState(): StateData {
  return { connections: {}, models: {}, modelSyncs: {}, bulkSyncs: {}, idempotency: {} };
}

/** The state plus its persistence. */
export class Store {
  readonly data: StateData;

  constructor(private readonly file?: string) {
    // A state file from an older emulator may lack newer kinds: start those empty.
    this.data = {
      ...emptyState(),
      ...(file && existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<StateData>) : {}),
    };
  }

  /** A new object id. */
  newId(): string {
    return randomUUID();
  }

  /** Writes the state to disk (when durable) before the caller answers. */
  commit(): void {
    if (!this.file) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(tmp, "w");
    try {
      writeSync(fd, JSON.stringify(this.data));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
  }

  /** All objects of a kind. */
  list(kind: StoreKind): unknown[] {
    return Object.values(this.data[kind]);
  }

  /** One object, or undefined. */
  get(kind: StoreKind, id: string): unknown {
    return this.data[kind][id];
  }

  /** How many objects of every kind exist. */
  count(): number {
    return KINDS.reduce((total, kind) => total + Object.keys(this.data[kind]).length, 0);
  }

  /** Changes an object out of band (drift in tests) and commits. */
  mutate<K extends StoreKind>(kind: K, id: string, change: (object: StateData[K][string]) => void): void {
    const object = this.data[kind][id] as StateData[K][string] | undefined;
    if (!object) throw new Error(`no ${kind} ${id}`);
    change(object);
    this.commit();
  }

  /** Deletes an object out of band and commits. */
  remove(kind: StoreKind, id: string): void {
    delete this.data[kind][id];
    this.commit();
  }
}
