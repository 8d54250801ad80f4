import assert from "node:assert/strict";
import type { CellValue, ColumnInfo } from "../../../src/shared/protocol";
import { axesByName, buildSeries, chartFileName, defaultAxes, MAX_CHART_POINTS, numericColumns, ROW_NUMBER } from "../../../webview/results/chartData";

const col = (name: string, typeName: string): ColumnInfo => ({ name, typeName, typeOid: 0 });
const ORDERS = [col("id", "int4"), col("customer", "text"), col("orders", "int8"), col("price", "money"), col("since", "timestamptz")];

describe("chart data of a result", () => {
  it("defaults to the first text column × the first numeric column after it", () => {
    assert.deepEqual(defaultAxes(ORDERS), { x: 1, y: 2 });
    assert.deepEqual(defaultAxes([col("customer", "text"), col("n", "numeric")]), { x: 0, y: 1 });
    assert.deepEqual(defaultAxes([col("n", "float8"), col("customer", "text")]), { x: 1, y: 0 }, "no number after the text: the first number");
    assert.deepEqual(defaultAxes([col("id", "int4"), col("score", "float4")]), { x: 0, y: 1 }, "only numbers: first on x");
    assert.deepEqual(defaultAxes([col("count", "int8")]), { x: ROW_NUMBER, y: 0 }, "a lone number against the row number");
    assert.equal(defaultAxes([col("a", "text"), col("m", "money")]), undefined, "money text is not a number");
    assert.deepEqual(numericColumns(ORDERS), [0, 2]);
  });

  it("takes axes by column name and says what is wrong with a bad one", () => {
    assert.deepEqual(axesByName(ORDERS, "since", "id"), { x: 4, y: 0 });
    assert.deepEqual(axesByName(ORDERS, "#", undefined), { x: ROW_NUMBER, y: 2 });
    assert.throws(() => axesByName(ORDERS, "nope", undefined), /no column "nope" for x/);
    assert.throws(() => axesByName(ORDERS, undefined, "customer"), /"customer" is not a numeric column.*id, orders/);
  });

  it("reads numbers, gaps for NULL and text, times as epoch ms, and stops at MAX_CHART_POINTS", () => {
    const rows: CellValue[][] = [["1", "Ada", "12", "$1.00", "2024-03-01 09:30:00+00"], ["2", null, null, null, "2024-03-02 10:00:00.5+05:30"], ["3", "Edsger", "x", null, null]];
    const s = buildSeries(ORDERS, rows.length, (i) => rows[i]!, { x: 1, y: 2 });
    assert.deepEqual(s, { labels: ["Ada", "NULL", "Edsger"], xs: [null, null, null], ys: [12, null, null], xKind: "category", total: 3, truncated: false });
    const t = buildSeries(ORDERS, rows.length, (i) => rows[i]!, { x: 4, y: 0 });
    assert.equal(t.xKind, "time");
    assert.deepEqual(t.xs, [Date.UTC(2024, 2, 1, 9, 30), Date.UTC(2024, 2, 2, 4, 30, 0, 500), null]);
    const big = buildSeries(ORDERS, 12_345, (i) => [String(i), "c", String(i * 2), null, null], { x: ROW_NUMBER, y: 2 });
    assert.equal(big.labels.length, MAX_CHART_POINTS);
    assert.deepEqual([big.total, big.truncated, big.xKind, big.labels[0], big.xs[4], big.ys[4]], [12_345, true, "number", "1", 5, 8]);
  });

  it("names the PNG after its axes", () => {
    assert.equal(chartFileName(ORDERS, { x: 1, y: 2 }), "chart-orders-by-customer.png");
    assert.equal(chartFileName([col("Total €", "numeric")], { x: ROW_NUMBER, y: 0 }), "chart-total-by-row.png");
  });
});
