/**
 * The faults, in shuffled rounds so every kind happens in a short run: dropped sessions,
 * 429 and 503 bursts and a hang on the credentials route, a cold start, a forward clock jump.
 */
import type { Emulator } from "../../emulator/index";
import type { JumpClock } from "./jumpClock";
import { shuffle } from "./random";

export const FAULT_KINDS = ["drop-sessions", "burst-429", "burst-503", "hang", "cold-start", "clock-jump"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const CREDENTIALS = "/api/2.0/postgres/credentials";

export interface ChaosOptions {
  emu: Emulator;
  clock: JumpClock;
  random: () => number;
  /** Gap between two faults: uniformly between min and max. */
  gapMs: [number, number];
  coldStartMs: number;
  /** Forward jumps: uniformly between min and max (longer than a credential: it has expired on wake). */
  jumpMs: [number, number];
  log: (line: string) => void;
}

export type FaultCounts = Record<FaultKind, number>;
export interface ChaosResult { counts: FaultCounts; sessionsDropped: number }

async function inject(kind: FaultKind, o: ChaosOptions, dropped: (n: number) => number): Promise<string> {
  const { emu, random } = o;
  switch (kind) {
    case "drop-sessions": return `dropped ${dropped(await emu.faults.dropAllSessions())} sessions`;
    case "burst-429":
    case "burst-503": {
      const n = 1 + Math.floor(random() * 3);
      emu.faults.failNextCalls(n, kind === "burst-429" ? 429 : 503, { retryAfterSeconds: 1, pathPrefix: CREDENTIALS });
      return `next ${n} credential requests answer ${kind.slice(6)}`;
    }
    case "hang":
      emu.faults.failNextCalls(1, "hang", { pathPrefix: CREDENTIALS });
      return "next credential request hangs";
    case "cold-start": {
      // A compute restart: sessions end and the next logins wait for it to wake.
      emu.faults.setColdStart(o.coldStartMs, 0);
      const n = dropped(await emu.faults.dropAllSessions());
      setTimeout(() => emu.faults.setColdStart(0), o.coldStartMs + 500).unref();
      return `cold start (${o.coldStartMs} ms) after dropping ${n} sessions`;
    }
    case "clock-jump": {
      const ms = Math.round(o.jumpMs[0] + random() * (o.jumpMs[1] - o.jumpMs[0]));
      o.clock.jump(ms);
      return `wall clock jumped ${ms} ms ahead`;
    }
  }
}

const ON_CREDENTIALS: readonly FaultKind[] = ["burst-429", "burst-503", "hang"];

function mintsSoFar(emu: Emulator): number {
  return emu.requests({ method: "POST", pathPrefix: CREDENTIALS }).filter((r) => r.status === 200).length;
}

/**
 * Injects faults until `stop` fires; resolves with how many of each kind ran. A fault on the
 * credentials route waits until the previous one has ended in a successful mint: each is a
 * burst the HTTP client's retries ride out. Stacked back to back they would be an outage
 * longer than the retry budget, where callers rightly get the error (the 10-minute run did that).
 */
export async function runChaos(o: ChaosOptions, stop: AbortSignal): Promise<ChaosResult> {
  const counts = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as FaultCounts;
  let sessionsDropped = 0;
  const dropped = (n: number) => { sessionsDropped += n; return n; };
  let mintsAtLastCredentialFault = -1;
  const wait = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() { clearTimeout(t); stop.removeEventListener("abort", done); resolve(); }
    stop.addEventListener("abort", done, { once: true });
  });
  while (!stop.aborted) {
    for (const kind of shuffle(FAULT_KINDS, o.random)) {
      await wait(o.gapMs[0] + o.random() * (o.gapMs[1] - o.gapMs[0]));
      if (ON_CREDENTIALS.includes(kind)) {
        while (!stop.aborted && mintsSoFar(o.emu) <= mintsAtLastCredentialFault) await wait(200);
        mintsAtLastCredentialFault = mintsSoFar(o.emu);
      }
      if (stop.aborted) break;
      o.log(`fault: ${kind}: ${await inject(kind, o, dropped)}`);
      counts[kind]++;
    }
  }
  return { counts, sessionsDropped };
}
