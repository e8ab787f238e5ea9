/**
 * Draws time against N as an SVG with Vega-Lite (compiled to a Vega spec and rendered headless by
 * Vega's own SVG renderer: no browser, no native canvas).
 */
import { writeFile } from "node:fs/promises";

/** One plotted point. */
export interface PlotPoint {
  readonly n: number;
  readonly seconds: number;
  readonly series: string;
}

/** Writes a line chart of `points` (one line per series) to `file`. */
export async function plotTimes(points: readonly PlotPoint[], title: string, file: string): Promise<void> {
  // Both packages are ES modules; a real dynamic import keeps this CommonJS file loadable.
  const vegaLite = await import("vega-lite");
  const vega = await import("vega");
  const spec = vegaLite.compile({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: 480,
    height: 300,
    data: { values: points.map((p) => ({ ...p })) },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "n", type: "quantitative", title: "N (bulk syncs, each with two connections)" },
      y: { field: "seconds", type: "quantitative", title: "seconds" },
      color: { field: "series", type: "nominal", title: null },
    },
  }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  await writeFile(file, await view.toSVG());
  view.finalize();
}
