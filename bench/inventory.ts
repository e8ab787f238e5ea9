/**
 * What an emulator holds, as sorted object names by kind: the shape runs compare against a declared
 * {@link FleetInventory}, so a duplicate shows up as a repeated name and an orphan as an extra one.
 */
import type { Emulator } from "../emulator";
import type { FleetInventory } from "./fleet";

/** Sorted names of the emulator's connections, models, model syncs and bulk syncs. */
export function emulatorInventory(emulator: Emulator): FleetInventory {
  const names = (kind: "connections" | "models" | "modelSyncs" | "bulkSyncs") =>
    (emulator.store.list(kind) as { name: string }[]).map((object) => object.name).sort();
  return {
    connections: names("connections"),
    models: names("models"),
    modelSyncs: names("modelSyncs"),
    bulkSyncs: names("bulkSyncs"),
  };
}
