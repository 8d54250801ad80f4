/**
 * The plan view's HTML, built on the extension side from the parsed plan: a tree of nodes with
 * self time (a bar relative to the slowest), rows estimated vs actual, cost and buffers, the
 * slowest nodes highlighted, and the raw JSON. No script at all: the CSP allows only the nonce'd style.
 */
import type { PlanNode } from "../../core/sql/plan/explainPlan";
import type { ExplainRun } from "../../core/sql/plan/runExplain";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(3));
const n = (v: number) => Math.round(v).toLocaleString("en-US");

export function planHtml(run: ExplainRun, opts: { nonce: string; cspSource: string; target: string }): string {
  const { plan } = run;
  const maxSelf = Math.max(0.000001, ...collect(plan.root).map((x) => x.selfMs ?? 0));
  const summary = [
    `${run.analyze ? "EXPLAIN ANALYZE" : "EXPLAIN"} on ${esc(opts.target)}`,
    plan.planningMs !== undefined ? `planning ${ms(plan.planningMs)} ms` : "",
    plan.executionMs !== undefined ? `execution ${ms(plan.executionMs)} ms` : "",
    run.rolledBack ? "<strong>ran inside a transaction that was rolled back</strong>" : "",
  ].filter(Boolean).join(" · ");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${opts.nonce}';">
<title>Plan</title>
<style nonce="${opts.nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 12px; }
ul { list-style: none; padding-left: 18px; margin: 0; border-left: 1px solid var(--vscode-tree-indentGuidesStroke, #8884); }
ul.root { padding-left: 0; border: 0; }
.node { margin: 4px 0; padding: 4px 6px; border-radius: 3px; }
.node.slow { background: var(--vscode-inputValidation-warningBackground, #fc03); border: 1px solid var(--vscode-inputValidation-warningBorder, #fc0); }
.type { font-weight: 600; }
.meta { opacity: .85; font-size: 90%; }
.bad { color: var(--vscode-errorForeground); }
.bar { width: 120px; height: 8px; vertical-align: middle; margin-right: 6px; }
.detail { font-family: var(--vscode-editor-font-family); font-size: 90%; opacity: .8; }
pre { white-space: pre-wrap; font-family: var(--vscode-editor-font-family); }
</style></head><body>
<p class="summary">${summary}</p>
<pre class="statement">${esc(run.statement)}</pre>
<ul class="root">${nodeHtml(plan.root, maxSelf, run.analyze)}</ul>
<details><summary>Raw JSON</summary><pre class="raw">${esc(JSON.stringify(JSON.parse(run.raw), null, 2))}</pre></details>
</body></html>`;
}

function nodeHtml(node: PlanNode, maxSelf: number, analyzed: boolean): string {
  const parts: string[] = [];
  if (analyzed && node.selfMs !== undefined) {
    // A <meter>, not a styled span: the CSP allows no inline style attribute.
    parts.push(`<meter class="bar" min="0" max="100" value="${Math.round((node.selfMs / maxSelf) * 100)}"></meter>${ms(node.selfMs)} ms self, ${ms(node.totalMs ?? 0)} ms total`);
    const off = node.misestimate ?? 1;
    parts.push(`rows ${n(node.planRows * (node.loops ?? 1))} est → <span class="${off >= 10 ? "bad" : ""}">${n(node.actualRows ?? 0)} actual${off >= 10 ? ` (${n(off)}× off)` : ""}</span>${(node.loops ?? 1) > 1 ? `, ${n(node.loops!)} loops` : ""}`);
  } else {
    parts.push(`rows ${n(node.planRows)} est`);
  }
  parts.push(`cost ${node.startupCost.toFixed(2)}..${node.totalCost.toFixed(2)}`);
  if (node.buffers) {
    const b = node.buffers;
    parts.push(`buffers hit ${n(b.sharedHit)} read ${n(b.sharedRead)}${b.sharedDirtied ? ` dirtied ${n(b.sharedDirtied)}` : ""}${b.tempRead + b.tempWritten ? ` temp ${n(b.tempRead)}/${n(b.tempWritten)}` : ""}`);
  }
  const details = node.details.map((d) => `<div class="detail">${esc(d)}</div>`).join("");
  const children = node.children.length ? `<ul>${node.children.map((c) => nodeHtml(c, maxSelf, analyzed)).join("")}</ul>` : "";
  return `<li><div class="node${node.slow ? " slow" : ""}" data-node="${node.id}"><span class="type">${esc(node.nodeType)}</span>${node.target ? ` ${esc(node.target)}` : ""}${node.slow ? " <strong>· slowest</strong>" : ""}<div class="meta">${parts.join(" · ")}</div>${details}</div>${children}</li>`;
}

function collect(node: PlanNode): PlanNode[] {
  return [node, ...node.children.flatMap(collect)];
}
