/** Runs memoryProbe.ts in its own process with --expose-gc and returns its result. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { ProbeRequest, ProbeResult } from "./memoryProbe";

const PROBE = join(__dirname, "memoryProbe.ts");

export function runMemoryProbe(req: ProbeRequest): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", PROBE, JSON.stringify(req)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { err += d.toString(); });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`memory probe exited with ${code}: ${err.trim()}`));
      resolve(JSON.parse(out.trim().split("\n").pop()!) as ProbeResult);
    });
  });
}
