// Where a statement's code begins: its segment's `start` counts the comments above it (they are sent with
// it), but a "Run" lens belongs above the statement itself, not above its leading comment.

/** Offset of the first character after the blanks, `--` comments and nested block comments from `start`. */
export function statementCodeStart(text: string, start: number, end = text.length): number {
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v") { i++; continue; }
    if (c === "-" && text[i + 1] === "-") {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? end : nl + 1;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      let depth = 0;
      let j = i;
      while (j < end) {
        if (text[j] === "/" && text[j + 1] === "*") { depth++; j += 2; continue; }
        if (text[j] === "*" && text[j + 1] === "/") { depth--; j += 2; if (depth === 0) break; continue; }
        j++;
      }
      i = j;
      continue;
    }
    return i;
  }
  return start; // only comments: keep the segment's own start
}
