/**
 * A Postgres array in its text form ("{1,2}", '{"a b",NULL}', "{{1,2},{3,4}}", "[0:1]={x,y}") read into nested
 * lists of element texts (null for NULL), as array_out writes it: elements quoted when they must be, with \" and
 * \\ escapes; an unquoted NULL is SQL NULL. Undefined when the text is not such a literal. Pure.
 */
export type PgArray = Array<PgArray | string | null>;

export function parsePgArray(text: string, delimiter = ","): PgArray | undefined {
  let i = 0;
  // Optional dimension decoration: "[1:3]={…}" or "[0:1][1:2]={…}".
  const dims = /^(\[-?\d+:-?\d+\])+=/.exec(text);
  if (dims) i = dims[0].length;
  const skipSpace = () => { while (i < text.length && /\s/.test(text[i]!)) i++; };
  const list = (): PgArray | undefined => {
    if (text[i] !== "{") return undefined;
    i++;
    const out: PgArray = [];
    skipSpace();
    if (text[i] === "}") { i++; return out; }
    for (;;) {
      skipSpace();
      if (text[i] === "{") {
        const inner = list();
        if (!inner) return undefined;
        out.push(inner);
      } else if (text[i] === '"') {
        let s = "";
        i++;
        while (i < text.length && text[i] !== '"') { if (text[i] === "\\") i++; s += text[i] ?? ""; i++; }
        if (text[i] !== '"') return undefined;
        i++;
        out.push(s);
      } else {
        let s = "";
        while (i < text.length && text[i] !== delimiter && text[i] !== "}") { if (text[i] === "\\") i++; s += text[i] ?? ""; i++; }
        s = s.trim();
        if (s === "" || s.includes("{") || s.includes('"')) return undefined;
        out.push(s.toUpperCase() === "NULL" ? null : s);
      }
      skipSpace();
      if (text[i] === delimiter) { i++; continue; }
      if (text[i] === "}") { i++; return out; }
      return undefined;
    }
  };
  const result = list();
  skipSpace();
  return result && i === text.length ? result : undefined;
}
