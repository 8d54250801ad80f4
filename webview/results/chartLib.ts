// Entry of the chart bundle (dist/webview/chart.js, ~175 kB minified): Chart.js with only the bar, line and
// scatter parts registered. Loaded by chartLoader.ts the first time a chart opens, never with results.js.
// Chart.js draws on a canvas and styles only through CSSOM (canvas.style.x), so the panel's CSP (no inline
// style attributes, no eval) holds.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip } from "chart.js";

Chart.register(BarController, LineController, ScatterController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export { Chart };
