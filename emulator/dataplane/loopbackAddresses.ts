/**
 * Hands out loopback IPv4 addresses for front doors: each endpoint gets its
 * own address so every endpoint can listen on 5432, like real hosts. Blocks
 * are random 127.X.Y.0/24 (X >= 2), away from 127.0.0.1 and 127.0.1.1.
 */
import { randomInt } from "node:crypto";

export class LoopbackAddresses {
  private block = randomBlock();
  private nextHost = 1;
  private readonly remembered = new Map<string, string>();
  private readonly taken = new Set<string>();

  /** Addresses to try for an endpoint, its previous one first (stable across reopen). */
  *candidates(endpoint: string): Generator<string> {
    const prev = this.remembered.get(endpoint);
    if (prev && !this.taken.has(prev)) yield prev;
    for (let i = 0; i < 4096; i++) {
      if (this.nextHost > 254) {
        this.block = randomBlock();
        this.nextHost = 1;
      }
      const ip = `127.${this.block}.${this.nextHost++}`;
      if (!this.taken.has(ip)) yield ip;
    }
  }

  claim(endpoint: string, ip: string): void {
    this.taken.add(ip);
    this.remembered.set(endpoint, ip);
  }

  release(ip: string): void {
    this.taken.delete(ip);
  }
}

function randomBlock(): string {
  return `${randomInt(2, 255)}.${randomInt(0, 256)}`;
}
