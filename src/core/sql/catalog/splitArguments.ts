/**
 * Splits `pg_get_function_arguments` output (`a integer, b text DEFAULT 'x, y'`) into one entry
 * per argument: commas inside quotes, double-quoted names and parentheses do not split.
 */
export function splitArguments(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (c === "'" || c === '"') {
      // '' and "" escape their own quote: skipping to the next quote twice stays inside.
      let j = i + 1;
      while (j < args.length && args[j] !== c) j++;
      i = j;
    } else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      out.push(args.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = args.slice(start).trim();
  if (last || out.length) out.push(last);
  return out;
}
