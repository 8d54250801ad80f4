/**
 * Asks for the values of a script's `$n` / `:name` placeholders before it runs: one input box per
 * parameter, titled with its type when the catalog tells it, filled with the value used last in
 * that document. The values go to the runner as bind parameters; Escape cancels the run.
 */
import * as vscode from "vscode";
import type { CatalogIndex } from "../../core/sql/analysis/catalogIndex";
import type { ParameterValues } from "../../core/sql/params/bindParameters";
import { inferParameterTypes } from "../../core/sql/params/inferParameterTypes";
import { formatParameterInput, parameterWarning, parseParameterInput, rememberParameters, type RememberedParameters } from "../../core/sql/params/parameterInput";
import { scanParameters } from "../../core/sql/params/scanParameters";

const MEMORY_KEY = "lakebase.queryParameters";

/** `{}`: nothing to ask; `{ values }`: what to bind; undefined: the user cancelled. */
export type ParameterAnswer = { values?: ParameterValues } | undefined;

export class ParameterPrompts {
  /** The catalog for a document (set by the SQL language features; absent: no types). */
  catalogFor: ((doc: vscode.TextDocument | undefined) => CatalogIndex | undefined) | undefined;

  constructor(private readonly state: vscode.Memento, private readonly redact: (text: string) => string) {}

  /** Asks for every placeholder of `sql`; `initial` (a history entry's values) wins over the document's memory. */
  async ask(sql: string, doc?: vscode.TextDocument, initial?: ParameterValues): Promise<ParameterAnswer> {
    const { keys } = scanParameters(sql);
    if (keys.length === 0) return {};
    let types = new Map<string, string>();
    try {
      types = inferParameterTypes(sql, this.catalogFor?.(doc));
    } catch { /* a type is a hint: without it the prompt still asks */ }
    const remembered = doc ? this.memory()[doc.uri.toString()] ?? {} : {};
    const values: Record<string, string | null> = {};
    for (const [n, key] of keys.entries()) {
      const type = types.get(key);
      const last = initial && key in initial ? initial[key] : remembered[key];
      const typed = await vscode.window.showInputBox({
        title: `Query parameter ${n + 1} of ${keys.length}: ${key}${type ? ` (${type})` : ""}`,
        prompt: "Sent as a bind parameter, as typed (no quotes needed); NULL for SQL NULL.",
        value: formatParameterInput(last),
        ignoreFocusOut: true,
        validateInput: (v) => {
          const warning = parameterWarning(v, type);
          return warning ? { message: warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
        },
      });
      if (typed === undefined) return undefined;
      values[key] = parseParameterInput(typed);
    }
    if (doc) await this.state.update(MEMORY_KEY, rememberParameters(this.memory(), doc.uri.toString(), values, (v) => this.redact(v) === v));
    return { values };
  }

  private memory(): RememberedParameters {
    const raw = this.state.get<unknown>(MEMORY_KEY);
    return raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as RememberedParameters) : {};
  }
}

/** History keeps which parameters a run had and their values, with secrets and token-shaped values masked. */
export function parametersForHistory(values: ParameterValues | undefined, redact: (text: string) => string): Record<string, string | null> | undefined {
  if (!values || Object.keys(values).length === 0) return undefined;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null ? null : redact(v)]));
}
