import type { CatalogIndex } from "./catalogIndex";
import { signatureLabel } from "./hover";
import type { Token } from "./lexer";
import { statementContext } from "./statementContext";

export interface SignatureInfo {
  label: string;
  documentation?: string;
  /** Each parameter as [start, end) offsets in `label`. */
  parameters: [number, number][];
}

export interface SignatureHelpResult { signatures: SignatureInfo[]; activeSignature: number; activeParameter: number }

const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === "word" || t.kind === "quoted");

/** The call around `offset`: its overloads, the argument the cursor is on, and the overload that fits. */
export function signatureHelp(text: string, offset: number, index: CatalogIndex): SignatureHelpResult | undefined {
  const ctx = statementContext(text, offset);
  if (ctx.inert) return undefined;
  const { tokens } = ctx;
  let depth = 0;
  let commas = 0;
  for (let k = ctx.cursorIndex - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t.kind !== "punct") continue;
    if (t.value === ")") depth++;
    else if (t.value === "," && depth === 0) commas++;
    else if (t.value === "(") {
      if (depth > 0) { depth--; continue; }
      const fn = tokens[k - 1];
      const schema = tokens[k - 2]?.value === "." && isName(tokens[k - 3]) ? tokens[k - 3].value : undefined;
      const fns = isName(fn) ? index.functions(schema, fn.value) : [];
      if (fns.length) {
        const signatures = fns.map((f) => {
          const label = signatureLabel(f);
          const open = label.indexOf("(") + 1;
          let from = open;
          const parameters = f.argList.map((a): [number, number] => {
            const at = label.indexOf(a, from);
            from = at + a.length;
            return [at, at + a.length];
          });
          return { label, parameters, ...(f.comment ? { documentation: f.comment } : {}) };
        });
        const fit = fns.findIndex((f) => f.argList.length > commas || /\bVARIADIC\b/.test(f.args));
        return { signatures, activeSignature: fit < 0 ? 0 : fit, activeParameter: commas };
      }
      // A parenthesis that is not a known call (`(a + b`, `IN (`): look further out.
      commas = 0;
    }
  }
  return undefined;
}
