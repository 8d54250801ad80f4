// The SQL language features' analysis (completion, hover, signature help, definitions, diagnostics).
// Reached only through sqlLanguage(): the extension ships it as a bundle of its own
// (dist/sqlLanguage.js, scripts/lazyBundles.mjs), loaded by the first SQL request, not at activation.
export { indexCatalog } from "./analysis/catalogIndex";
export { complete } from "./analysis/completion";
export { hover } from "./analysis/hover";
export { signatureHelp } from "./analysis/signatureHelp";
export { symbolAt } from "./analysis/symbolAt";
export { ddlFor } from "./analysis/ddl";
export { diagnose, DiagnosticsCache } from "./diagnostics/diagnose";
export { loadPgParser } from "./diagnostics/pgParser";
