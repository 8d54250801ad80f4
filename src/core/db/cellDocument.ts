/**
 * One cell's value as an editor tab shows it: JSON pretty-printed (foldable in the editor) with every token as
 * stored (big numbers, 1.0, escapes and duplicate keys are not rewritten by a parse), arrays as JSON lists one
 * element a line, bytea as hex in rows of 32 bytes with offsets, anything else (long text) as it is. Pure: unit-tested.
 */
import { parsePgArray, type PgArray } from "./pgArray";

export interface CellDocument { language: "json" | "plaintext"; content: string }

const NUMERIC = new Set(["int2", "int4", "int8", "float4", "float8", "numeric", "oid"]);
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function cellDocument(value: string, typeName: string): CellDocument {
  const t = typeName.toLowerCase();
  if (t === "json" || t === "jsonb") {
    const pretty = prettyJson(value);
    return pretty === undefined ? { language: "plaintext", content: value } : { language: "json", content: pretty };
  }
  if (t.endsWith("[]")) {
    const arr = parsePgArray(value);
    return arr === undefined ? { language: "plaintext", content: value } : { language: "json", content: arrayJson(arr, t.slice(0, -2), "") };
  }
  if (t === "bytea" && /^\\x[0-9a-f]*$/i.test(value)) {
    const hex = value.slice(2);
    const lines: string[] = [];
    for (let i = 0; i < hex.length; i += 64) lines.push(`${(i / 2).toString(16).padStart(8, "0")}  ${hex.slice(i, i + 64).replace(/(..)(?!$)/g, "$1 ")}`);
    return { language: "plaintext", content: lines.join("\n") };
  }
  return { language: "plaintext", content: value };
}

/** Valid JSON re-indented by 2 with its tokens copied verbatim; undefined when it is not valid JSON. */
export function prettyJson(text: string, base = ""): string | undefined {
  try { JSON.parse(text); } catch { return undefined; }
  let out = "";
  let depth = 0;
  const nl = (d: number) => `\n${base}${"  ".repeat(d)}`;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (ch === "{" || ch === "[") {
      // An empty object or array stays "{}" / "[]", as JSON.stringify writes it.
      let j = i + 1;
      while (/\s/.test(text[j] ?? "")) j++;
      if (text[j] === (ch === "{" ? "}" : "]")) { out += ch + text[j]; i = j; continue; }
      depth++;
      out += ch + nl(depth);
    } else if (ch === "}" || ch === "]") {
      depth--;
      out += nl(depth) + ch;
    } else if (ch === ",") out += `,${nl(depth)}`;
    else if (ch === ":") out += ": ";
    else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}

function arrayJson(a: PgArray, elem: string, indent: string): string {
  if (a.length === 0) return "[]";
  const inner = `${indent}  `;
  const item = (v: PgArray | string | null): string => {
    if (v === null) return "null";
    if (Array.isArray(v)) return arrayJson(v, elem, inner);
    if (NUMERIC.has(elem) && JSON_NUMBER.test(v)) return v;
    if (elem === "bool" && (v === "t" || v === "f")) return v === "t" ? "true" : "false";
    if (elem === "json" || elem === "jsonb") return prettyJson(v, inner) ?? JSON.stringify(v);
    return JSON.stringify(v);
  };
  return `[\n${a.map((v) => inner + item(v)).join(",\n")}\n${indent}]`;
}
