/**
 * `npm run soak`: 50 concurrent callers run queries through the real LakebaseServices stack
 * for 10 minutes (--seconds N to shorten) with 10-second credentials, while the emulator drops
 * sessions, answers 429/503 bursts and hangs on the credentials route, cold-starts the endpoint,
 * and the wall clock jumps forward. Prints the figures; exits non-zero when a goal is missed.
 */
import { startEmulator } from "../../emulator/index";
import { createLogger, SecretRegistry } from "../../src/core/log";
import { DEFAULT_POOL_SETTINGS } from "../../src/core/db/poolRegistry";
import { runCallers } from "./callers";
import { runChaos } from "./chaos";
import { JumpClock } from "./jumpClock";
import { backendSessions, settledCounts } from "./leaks";
import { MB, sampleMemory } from "./memory";
import { trackMints } from "./mints";
import { parseSoakOptions } from "./options";
import { seededRandom } from "./random";
import { type Goal, printReport } from "./report";
import { buildSoakServices } from "./services";

const REFRESH_BEFORE_MS = 5 * 60_000;
/** Faults stop this long before the callers, so the end state is a settled one. */
const QUIET_MS = 4_000;
const RSS_GROWTH_LIMIT_MB = 64;
const HEAP_GROWTH_LIMIT_MB = 16;
/** One mint per replaced credential; the last replacement may still be under way when the run ends. */
const MINTS_PER_EXPIRY_RANGE: [number, number] = [0.75, 1.25];

const err = (s: string) => process.stderr.write(`${s}\n`);

async function main(): Promise<number> {
  const o = parseSoakOptions(process.argv.slice(2));
  const random = seededRandom(o.seed);
  const clock = new JumpClock();
  err(`soak: ${o.seconds} s, ${o.callers} callers, ${o.lifetimeSeconds} s credentials, seed ${o.seed}`);
  const emu = await startEmulator({ seed: true, now: clock.now });
  const secrets = new SecretRegistry();
  const logCounts = { warn: 0, error: 0 };
  const logger = createLogger((level, line) => {
    if (level === "warn" || level === "error") logCounts[level]++;
    if (o.verbose && level !== "trace" && level !== "debug") err(`  ${level} ${line}`);
  }, secrets);
  const services = await buildSoakServices({ configFile: emu.configFile, extraCaFile: emu.caFile, clock, logger, secrets, httpTimeoutMs: 3_000 });
  try {
    emu.faults.setCredentialLifetime(o.lifetimeSeconds);
    const seed = emu.postgres.seeded!;
    const project = seed.project;
    const branch = seed.endpoint.split("/endpoints/")[0];
    await services.targets.set("soak", { profile: "emulator", project, branch, endpoint: seed.endpoint, database: seed.database, host: seed.host });
    const resolved = await services.resolve("soak");
    // The emulator listens on 5432 when it may; otherwise on the port it was given.
    const db = { ...resolved.db, port: seed.port };

    const mints = trackMints(services.credentials, clock, REFRESH_BEFORE_MS);
    const warm = await services.runner.runScript(db, "SELECT 1");
    if (warm.error) throw new Error(`warm-up query failed: ${warm.error.message}`);
    const baseline = sampleMemory();
    let peakRss = baseline.rss;

    const stopCallers = new AbortController();
    const stopChaos = new AbortController();
    const started = performance.now();
    const callers = runCallers(services.runner, db, o.callers, stopCallers.signal);
    const chaos = runChaos({
      emu, clock, random, gapMs: [1_500, 3_500], coldStartMs: 1_500,
      jumpMs: [o.lifetimeSeconds * 1000 + 1_000, o.lifetimeSeconds * 3000], log: o.verbose ? err : () => undefined,
    }, stopChaos.signal);
    const progress = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      const p = services.pools.pool(db);
      const c = services.credentials.status(resolved.credentialKey);
      err(`soak: ${Math.round((performance.now() - started) / 1000)} s, ${mints.fresh} credentials minted; pool ${p.totalCount} open, ${p.idleCount} idle, ${p.waitingCount} waiting; credential ${c.state}`);
    }, 10_000);
    setTimeout(() => stopChaos.abort(), Math.max(0, o.seconds * 1000 - QUIET_MS));
    setTimeout(() => stopCallers.abort(), o.seconds * 1000);
    const [stats, { counts: faults, sessionsDropped }] = await Promise.all([callers, chaos]);
    clearInterval(progress);
    const elapsedS = (performance.now() - started) / 1000;
    const end = sampleMemory();
    peakRss = Math.max(peakRss, end.rss);

    const pool = services.pools.pool(db);
    const user = db.user;
    const live = await settledCounts(async () => ({
      backend: await backendSessions(emu, branch, DEFAULT_POOL_SETTINGS.applicationName, user),
      pool: pool.totalCount,
    }), 5_000);
    const serverMints = emu.requests({ method: "POST", pathPrefix: "/api/2.0/postgres/credentials" }).filter((r) => r.status === 200).length;
    mints.dispose();
    await services.dispose();
    const afterDispose = await settledCounts(async () => ({ backend: await backendSessions(emu, branch, DEFAULT_POOL_SETTINGS.applicationName, user), pool: 0 }), 5_000);

    const pending = mints.pending();
    const replacements = mints.due + mints.rejected + mints.early - pending;
    const mintsPerExpiry = replacements > 0 ? serverMints / replacements : Infinity;
    const rssGrowthMb = (end.rss - baseline.rss) / MB;
    const heapGrowthMb = (end.heapUsed - baseline.heapUsed) / MB;
    const figures: Array<[string, string]> = [
      ["duration", `${elapsedS.toFixed(0)} s, ${o.callers} callers, ${o.lifetimeSeconds} s credentials, seed ${o.seed}`],
      ["queries run", `${stats.run} (${Math.round(stats.run / elapsedS)}/s; slowest ${Math.round(stats.maxLatencyMs)} ms)`],
      ["queries failed", String(stats.failed)],
      ["interrupted", `${stats.interrupted} queries whose own session was terminated while they ran (${sessionsDropped} sessions terminated)`],
      ["faults injected", Object.entries(faults).map(([k, n]) => `${k} ${n}`).join(", ")],
      ["wall clock jumped", `${(clock.jumpedMs / 1000).toFixed(0)} s in total`],
      ["connections at end", `backend ${live.backend}, pool ${live.pool}; after dispose backend ${afterDispose.backend}`],
      ["credential mints", `${serverMints} by the server for ${replacements} replacements (${mints.due} due, ${mints.rejected} after a rejected login, ${mints.early} early, ${pending} still under way at the end)`],
      ["memory (after GC)", `RSS ${(baseline.rss / MB).toFixed(0)} → ${(end.rss / MB).toFixed(0)} MB (peak ${(peakRss / MB).toFixed(0)}), heap ${(baseline.heapUsed / MB).toFixed(1)} → ${(end.heapUsed / MB).toFixed(1)} MB`],
      ["log", `${logCounts.warn} warnings, ${logCounts.error} errors`],
      ["machine", `${process.platform} ${process.arch}, node ${process.version}`],
    ];
    for (const f of stats.failures) figures.push(["failure", f]);
    const goals: Goal[] = [
      { what: "queries failed", value: String(stats.failed), goal: "0", pass: stats.failed === 0 },
      { what: "queries interrupted by a terminated session", value: String(stats.interrupted), goal: `≤ sessions terminated (${sessionsDropped})`, pass: stats.interrupted <= sessionsDropped },
      { what: "every caller made progress", value: `${stats.run} queries`, goal: `≥ ${o.callers * 10}`, pass: stats.run >= o.callers * 10 },
      { what: "connections leaked", value: String(live.backend - live.pool), goal: "0", pass: live.backend === live.pool },
      { what: "backend sessions after dispose", value: String(afterDispose.backend), goal: "0", pass: afterDispose.backend === 0 },
      { what: "RSS growth", value: `${rssGrowthMb.toFixed(1)} MB`, goal: `< ${RSS_GROWTH_LIMIT_MB} MB`, pass: rssGrowthMb < RSS_GROWTH_LIMIT_MB },
      { what: "retained heap growth", value: `${heapGrowthMb.toFixed(1)} MB`, goal: `< ${HEAP_GROWTH_LIMIT_MB} MB`, pass: heapGrowthMb < HEAP_GROWTH_LIMIT_MB },
      { what: "credential mints per expiry", value: mintsPerExpiry.toFixed(2), goal: `≈ 1 (${MINTS_PER_EXPIRY_RANGE.join("–")})`, pass: mintsPerExpiry >= MINTS_PER_EXPIRY_RANGE[0] && mintsPerExpiry <= MINTS_PER_EXPIRY_RANGE[1] },
      { what: "early (redundant) refreshes", value: String(mints.early), goal: "0", pass: mints.early === 0 },
      { what: "every fault kind injected", value: Object.values(faults).every((n) => n > 0) ? "yes" : "no", goal: "yes", pass: Object.values(faults).every((n) => n > 0) },
    ];
    printReport("Soak", figures, goals, (s) => process.stdout.write(`${s}\n`));
    return goals.every((g) => g.pass) ? 0 : 1;
  } finally {
    await services.dispose().catch(() => undefined);
    await emu.stop();
  }
}

main().then((code) => { process.exitCode = code; }, (e: Error) => {
  err(`soak failed: ${e.stack ?? e.message}`);
  process.exitCode = 1;
});
