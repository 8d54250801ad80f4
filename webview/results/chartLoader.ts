// Loads the chart bundle (dist/webview/chart.js) on first use, beside results.js and with its nonce: the
// panel's CSP runs only scripts that carry it. esbuild's iife with a globalName leaves the module on `window`.
import type * as ChartLib from "./chartLib";

export type ChartModule = typeof ChartLib;
const GLOBAL = "LakebaseChartLib";

// document.currentScript is set only while results.js itself runs: read it at load.
const self = typeof document !== "undefined" ? (document.currentScript as HTMLScriptElement | null) : null;
const bundleUrl = self?.src ? new URL("chart.js", self.src).toString() : "chart.js";
const nonce = self?.nonce ?? "";

let loading: Promise<ChartModule> | undefined;

export function loadChartLib(): Promise<ChartModule> {
  loading ??= new Promise<ChartModule>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = bundleUrl;
    script.nonce = nonce;
    script.addEventListener("load", () => {
      const lib = (window as unknown as Record<string, ChartModule | undefined>)[GLOBAL];
      if (lib) resolve(lib); else reject(new Error("the chart bundle loaded but defined nothing"));
    });
    script.addEventListener("error", () => { loading = undefined; reject(new Error(`could not load ${bundleUrl}`)); });
    document.head.append(script);
  });
  return loading;
}
