import assert from "node:assert/strict";
import { chartArgs } from "../../../src/ui/results/chartArgs";
import { chartPngName, decodePngDataUrl, MAX_CHART_PNG_BYTES } from "../../../src/ui/results/pngDataUrl";

// The smallest valid PNG header: signature + an IHDR chunk start (what the check looks at).
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from([0, 0, 0, 13]), Buffer.from("IHDR"), Buffer.alloc(12)]);

describe("a chart's PNG from the webview", () => {
  it("decodes a PNG data URL and refuses anything else", () => {
    assert.deepEqual(decodePngDataUrl(`data:image/png;base64,${PNG.toString("base64")}`), PNG);
    assert.throws(() => decodePngDataUrl(`data:image/jpeg;base64,${PNG.toString("base64")}`), /not a PNG data URL/);
    assert.throws(() => decodePngDataUrl(`data:image/png;base64,${Buffer.from("GIF89a not a png at all....").toString("base64")}`), /not a valid PNG/);
    assert.throws(() => decodePngDataUrl(`data:image/png;base64,${"A".repeat((MAX_CHART_PNG_BYTES * 4) / 3 + 8)}`), /larger than 32 MB/);
  });

  it("keeps the proposed name a plain .png file name", () => {
    assert.equal(chartPngName("chart-orders-by-customer.png"), "chart-orders-by-customer.png");
    assert.equal(chartPngName("../../etc/passwd"), "passwd.png");
    assert.equal(chartPngName("a b:c?.PNG"), "a-b-c-.png");
    assert.equal(chartPngName(".."), "chart.png");
  });

  it("checks the Chart command's argument", () => {
    assert.deepEqual(chartArgs(undefined), { action: "open" });
    assert.deepEqual(chartArgs({ kind: "line", x: "day", y: "total" }), { action: "open", kind: "line", x: "day", y: "total" });
    assert.deepEqual(chartArgs({ close: true }), { action: "close" });
    assert.throws(() => chartArgs({ kind: "pie" }), /bar" \| "line" \| "scatter/);
    assert.throws(() => chartArgs({ x: 3 }), /column name/);
  });
});
