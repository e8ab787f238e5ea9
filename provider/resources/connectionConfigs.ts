/**
 * Typed `configuration` for every Polytomic connection type: an interface per type and the
 * `ConnectionConfigurations` map from type id to interface, generated into
 * connectionConfigs.generated.ts by scripts/codegen/connectionConfigs.ts (`npm run codegen`) from
 * data/connection-types.json. Edit the generator or its hand-written TSDoc
 * (scripts/codegen/connectionDocs.json), never the generated file.
 */
export * from "./connectionConfigs.generated";
