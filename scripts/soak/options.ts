/** `npm run soak -- [--seconds N] [--callers N] [--lifetime S] [--seed N]`: parsed, with clear errors. */
export interface SoakOptions {
  seconds: number;
  callers: number;
  /** Credential lifetime, seconds (emulator fault hook). */
  lifetimeSeconds: number;
  seed: number;
  verbose: boolean;
}

const USAGE = "usage: npm run soak -- [--seconds N (default 600)] [--callers N (default 50)] [--lifetime S (default 10)] [--seed N] [--verbose]";

export function parseSoakOptions(argv: string[]): SoakOptions {
  const o: SoakOptions = { seconds: 600, callers: 50, lifetimeSeconds: 10, seed: Date.now() % 1_000_000, verbose: false };
  const num = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) throw new Error(`${flag} needs a whole number ≥ ${min}, got ${v ?? "nothing"}\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--seconds") o.seconds = num(a, argv[++i], 20);
    else if (a === "--callers") o.callers = num(a, argv[++i], 1);
    else if (a === "--lifetime") o.lifetimeSeconds = num(a, argv[++i], 5);
    else if (a === "--seed") o.seed = num(a, argv[++i], 0);
    else if (a === "--verbose") o.verbose = true;
    else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  return o;
}
