/**
 * One cell's value as an editor tab shows it: JSON pretty-printed (foldable in the editor), bytea as hex in
 * rows of 32 bytes with offsets, anything else (long text, arrays) as it is. Pure: unit-tested.
 */
export interface CellDocument { language: "json" | "plaintext"; content: string }

export function cellDocument(value: string, typeName: string): CellDocument {
  const t = typeName.toLowerCase();
  if (t === "json" || t === "jsonb") {
    try { return { language: "json", content: JSON.stringify(JSON.parse(value), null, 2) }; } catch { return { language: "plaintext", content: value }; }
  }
  if (t === "bytea" && /^\\x[0-9a-f]*$/i.test(value)) {
    const hex = value.slice(2);
    const lines: string[] = [];
    for (let i = 0; i < hex.length; i += 64) lines.push(`${(i / 2).toString(16).padStart(8, "0")}  ${hex.slice(i, i + 64).replace(/(..)(?!$)/g, "$1 ")}`);
    return { language: "plaintext", content: lines.join("\n") };
  }
  return { language: "plaintext", content: value };
}
