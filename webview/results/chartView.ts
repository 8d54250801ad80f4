// "Chart" on a result: a pane over the grid with the kind (bar, line, scatter), the x and y columns, the chart
// (Chart.js, loaded on first use) in the theme's colours, and Save as PNG. Redrawn when the theme changes.
import type { Chart as ChartJs, ChartConfiguration, Plugin } from "chart.js";
import type { CellValue, ChartKind, ChartReport, ColumnInfo } from "../../src/shared/protocol";
import { CHART_KINDS } from "../../src/shared/protocol";
import { axesByName, buildSeries, chartFileName, defaultAxes, numericColumns, ROW_NUMBER, scatterOnCategories, type ChartAxes, type ChartSeries } from "./chartData";
import { loadChartLib, type ChartModule } from "./chartLoader";
import { formatCount, h } from "./dom";

export interface ChartSource { resultId: string; columns: ColumnInfo[]; length: number; rowAt(viewIndex: number): CellValue[] }

export interface ChartViewEvents {
  close(): void;
  save(dataUrl: string, name: string): void;
  /** After each draw (and with undefined on close, or with the reason when there is nothing to draw): what the chart shows. */
  shown(report: ChartReport | undefined, error?: string): void;
}

export interface ChartOptions { kind?: ChartKind; x?: string; y?: string }

const KIND_LABELS: Record<ChartKind, string> = { bar: "Bar", line: "Line", scatter: "Scatter" };

interface ThemeColors { fg: string; lines: string; series: string; background: string; font: string; fontSize: number }

/** The chart's colours from VS Code's theme variables (charts.* where the theme has them). */
function themeColors(el: HTMLElement): ThemeColors {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const fg = v("--vscode-charts-foreground", v("--vscode-foreground", "#808080"));
  return {
    fg,
    lines: v("--vscode-charts-lines", v("--vscode-panel-border", "#80808040")),
    series: v("--vscode-charts-blue", v("--vscode-focusBorder", "#0078d4")),
    background: v("--vscode-panel-background", v("--vscode-editor-background", "#ffffff")),
    font: v("--vscode-font-family", "sans-serif"),
    fontSize: Number.parseFloat(v("--vscode-font-size", "13")) || 13,
  };
}

export class ChartView {
  readonly element: HTMLElement;
  private readonly kindSelect = h("select", { class: "chart-select", "data-chart": "kind", "aria-label": "Chart type" });
  private readonly xSelect = h("select", { class: "chart-select", "data-chart": "x", "aria-label": "X axis column" });
  private readonly ySelect = h("select", { class: "chart-select", "data-chart": "y", "aria-label": "Y axis column" });
  private readonly note = h("span", { class: "chart-note" });
  private readonly saveButton = h("button", { class: "eb-button", type: "button", "data-action": "chart-save" }, "Save as PNG…");
  private readonly canvasBox = h("div", { class: "chart-canvas-box" });
  private readonly message = h("div", { class: "chart-message", role: "alert" });
  private canvas = h("canvas", { class: "chart-canvas", role: "img" });
  private lib: ChartModule | undefined;
  private chart: ChartJs | undefined;
  private source: ChartSource | undefined;
  private kind: ChartKind = "bar";
  private axes: ChartAxes | undefined;
  private themeQueued = false;

  constructor(private readonly events: ChartViewEvents) {
    for (const k of CHART_KINDS) this.kindSelect.append(h("option", { value: k }, KIND_LABELS[k]));
    const close = h("button", { class: "eb-button", type: "button", "data-action": "chart-close", title: "Back to the grid (Escape)" }, "Close");
    const field = (label: string, select: HTMLSelectElement) => h("label", { class: "chart-field" }, h("span", {}, label), select);
    this.canvasBox.append(this.canvas);
    this.element = h("div", { class: "chart-pane", role: "region", "aria-label": "Chart of the result" },
      h("div", { class: "chart-controls" }, field("Chart", this.kindSelect), field("X", this.xSelect), field("Y", this.ySelect), this.note,
        h("span", { class: "edit-actions" }, this.saveButton, close)),
      this.message, this.canvasBox);
    this.element.hidden = true;
    this.kindSelect.addEventListener("change", () => { this.kind = this.kindSelect.value as ChartKind; this.draw(); });
    const axisChanged = () => { this.axes = { x: Number(this.xSelect.value), y: Number(this.ySelect.value) }; this.draw(); };
    this.xSelect.addEventListener("change", axisChanged);
    this.ySelect.addEventListener("change", axisChanged);
    this.saveButton.addEventListener("click", () => this.savePng());
    close.addEventListener("click", () => this.events.close());
    this.element.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.stopPropagation(); this.events.close(); } });
    // VS Code restyles the page on a theme change (variables on <html>, a class on <body>): redraw in the new colours.
    const observer = new MutationObserver(() => this.queueRetheme());
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["style", "class"] });
    if (document.body) observer.observe(document.body, { attributes: true, attributeFilter: ["class", "data-theme"] });
  }

  get isOpen(): boolean { return !this.element.hidden; }
  get resultId(): string | undefined { return this.isOpen ? this.source?.resultId : undefined; }

  /** Shows the chart of `source`; the axes are the defaults unless `opts` names them (throws on a wrong name). */
  async open(source: ChartSource, opts: ChartOptions = {}): Promise<void> {
    // Reopened on the same result: keep the axes the user picked (a new run brings new columns).
    const keepAxes = this.source?.columns === source.columns && opts.x === undefined && opts.y === undefined;
    // A wrong column name throws here, before anything changes on screen.
    const axes = keepAxes && this.axes ? this.axes : opts.x !== undefined || opts.y !== undefined ? axesByName(source.columns, opts.x, opts.y) : defaultAxes(source.columns);
    this.source = source;
    this.axes = axes;
    this.element.hidden = false;
    if (opts.kind) this.kind = opts.kind;
    this.fillControls();
    this.kindSelect.focus();
    if (!this.axes) {
      const why = "No numeric column to chart: a chart needs at least one number column for y (e.g. count(*) or sum(total)).";
      this.showMessage(why);
      this.events.shown(undefined, why);
      return;
    }
    if (!this.lib) {
      this.showMessage("Loading the chart library…");
      try { this.lib = await loadChartLib(); } catch (err) {
        const why = `The chart library could not be loaded: ${(err as Error).message}.`;
        this.showMessage(why);
        this.events.shown(undefined, why);
        return;
      }
    }
    this.draw();
  }

  /** New rows arrived (or the filter/sort changed) for the result on show. */
  refresh(source: ChartSource): void {
    if (!this.isOpen || source.resultId !== this.source?.resultId) return;
    this.source = source;
    this.draw();
  }

  close(): void {
    if (!this.isOpen) return;
    this.element.hidden = true;
    this.chart?.destroy();
    this.chart = undefined;
    this.events.shown(undefined);
  }

  savePng(): void {
    if (!this.chart || !this.source || !this.axes) { this.showMessage("There is no chart to save yet."); return; }
    this.events.save(this.chart.toBase64Image("image/png", 1), chartFileName(this.source.columns, this.axes));
  }

  private fillControls(): void {
    const src = this.source!;
    this.kindSelect.value = this.kind;
    const opt = (value: number, label: string) => h("option", { value: String(value) }, label);
    this.xSelect.replaceChildren(opt(ROW_NUMBER, "# (row number)"), ...src.columns.map((c, i) => opt(i, c.name)));
    this.ySelect.replaceChildren(...numericColumns(src.columns).map((i) => opt(i, src.columns[i]!.name)));
    if (this.axes) { this.xSelect.value = String(this.axes.x); this.ySelect.value = String(this.axes.y); }
    this.saveButton.disabled = !this.axes;
  }

  private showMessage(text: string): void {
    this.message.textContent = text;
    this.message.hidden = !text;
  }

  private queueRetheme(): void {
    if (this.themeQueued || !this.chart) return;
    this.themeQueued = true;
    requestAnimationFrame(() => { this.themeQueued = false; if (this.chart) this.draw(); });
  }

  /** (Re)creates the chart: cheap at ≤ 5,000 points, and Chart.js cannot change a chart's type in place. */
  private draw(): void {
    const src = this.source;
    if (!this.lib || !src || !this.axes || !this.isOpen) return;
    const series = buildSeries(src.columns, src.length, (i) => src.rowAt(i), this.axes);
    this.note.textContent = series.truncated ? `first ${formatCount(series.labels.length)} of ${formatCount(series.total)} rows` : `${formatCount(series.total)} ${series.total === 1 ? "row" : "rows"}`;
    this.showMessage(series.ys.every((y) => y === null) && series.total > 0 ? "Every y value is NULL: nothing to draw." : "");
    this.chart?.destroy();
    const config = this.config(series, themeColors(this.element));
    this.chart = new this.lib.Chart(this.canvas, config);
    const yName = src.columns[this.axes.y]!.name;
    this.canvas.setAttribute("aria-label", `${KIND_LABELS[this.kind]} chart of ${yName} by ${this.xName()}`);
    this.events.shown({ resultId: src.resultId, kind: this.kind, x: this.axes.x === ROW_NUMBER ? "#" : src.columns[this.axes.x]!.name, y: yName,
      points: (config.data.datasets[0]?.data.length) ?? 0, truncated: series.truncated });
  }

  private xName(): string { return this.axes!.x === ROW_NUMBER ? "row number" : this.source!.columns[this.axes!.x]!.name; }

  private config(s: ChartSeries, c: ThemeColors): ChartConfiguration {
    const kind = this.kind;
    const yName = this.source!.columns[this.axes!.y]!.name;
    const categoryX = kind !== "scatter" || scatterOnCategories(kind, s);
    const dataset = kind === "scatter"
      ? { label: yName, data: s.ys.flatMap((y, i) => { const x = categoryX ? s.labels[i]! : s.xs[i]; return x === null || y === null ? [] : [{ x, y }]; }) as never, backgroundColor: c.series, borderColor: c.series, pointRadius: 3 }
      : { label: yName, data: s.ys, backgroundColor: c.series, borderColor: c.series, borderWidth: kind === "line" ? 2 : 0, pointRadius: s.labels.length > 200 ? 0 : 3, spanGaps: false, maxBarThickness: 96 };
    const time = s.xKind === "time" && !categoryX;
    const axis = (title: string) => ({
      ticks: { color: c.fg, font: { family: c.font, size: c.fontSize - 1 } },
      grid: { color: c.lines }, border: { color: c.lines },
      title: { display: true, text: title, color: c.fg, font: { family: c.font, size: c.fontSize } },
    });
    const x = categoryX
      ? { ...axis(this.xName()), type: "category" as const, grid: { display: false }, ...(kind === "scatter" ? { labels: [...new Set(s.labels)] } : {}) }
      : { ...axis(this.xName()), type: "linear" as const, ...(time ? { ticks: { ...axis("").ticks, callback: (v: string | number) => new Date(Number(v)).toISOString().slice(0, 16).replace("T", " ") } } : {}) };
    const background: Plugin = {
      id: "lakebaseBackground",
      // The canvas is transparent: paint the panel's background so a saved PNG looks like what is on screen.
      beforeDraw: (chart) => { const g = chart.ctx; g.save(); g.globalCompositeOperation = "destination-over"; g.fillStyle = c.background; g.fillRect(0, 0, chart.width, chart.height); g.restore(); },
    };
    return {
      type: kind,
      data: { labels: categoryX && kind !== "scatter" ? s.labels : undefined, datasets: [dataset] },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, color: c.fg,
        font: { family: c.font, size: c.fontSize },
        scales: { x, y: { ...axis(yName), type: "linear", beginAtZero: kind !== "scatter", grace: "5%" } },
        plugins: { legend: { display: false }, tooltip: { enabled: true } },
      },
      plugins: [background],
    } as ChartConfiguration;
  }
}
