/**
 * A chart's PNG as the webview posts it (`data:image/png;base64,…`), checked before it is written to disk: the
 * message crosses a process boundary, so it must be a PNG of a sane size, and the file name a plain name.
 * No vscode import: unit-tested.
 */
const PREFIX = "data:image/png;base64,";
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A 4K canvas at 2× is ~10 MB at worst; anything bigger is not a chart. */
export const MAX_CHART_PNG_BYTES = 32 * 1024 * 1024;

export function decodePngDataUrl(dataUrl: string): Buffer {
  if (!dataUrl.startsWith(PREFIX)) throw new Error("The chart image is not a PNG data URL.");
  if (dataUrl.length - PREFIX.length > (MAX_CHART_PNG_BYTES * 4) / 3 + 4) throw new Error(`The chart image is larger than ${MAX_CHART_PNG_BYTES / 1048576} MB.`);
  const png = Buffer.from(dataUrl.slice(PREFIX.length), "base64");
  if (png.length < 24 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error("The chart image is not a valid PNG.");
  return png;
}

/** "chart-total-by-customer.png" as proposed by the webview, reduced to a safe file name ending in .png. */
export function chartPngName(name: string): string {
  const base = name.replace(/^.*[\\/]/, "").replace(/\.png$/i, "").replace(/[^\w.-]+/g, "-").replace(/^[.-]+/, "").slice(0, 80);
  return `${base || "chart"}.png`;
}
