/** The soak's figures, its goals and the closing `N passed, N failed` line. */
export interface Goal { what: string; value: string; goal: string; pass: boolean }

export function printReport(title: string, figures: Array<[string, string]>, goals: Goal[], out: (s: string) => void): void {
  out(title);
  const w = Math.max(...figures.map(([k]) => k.length));
  for (const [k, v] of figures) out(`  ${k.padEnd(w)}  ${v}`);
  out("Goals:");
  for (const g of goals) out(`  ${g.pass ? "PASS" : "FAIL"}  ${g.what}: ${g.value} (goal ${g.goal})`);
  out(`soak: ${goals.filter((g) => g.pass).length} passed, ${goals.filter((g) => !g.pass).length} failed`);
}
