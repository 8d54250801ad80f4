import { EventEmitter } from "node:events";
import { subscribe, type Subscription } from "../events";
import type { Endpoint } from "../lakebase/types";
import { computeStateOf, type ComputeState } from "./computeState";

export interface ComputeKey { profile: string; endpoint: string }
export interface ComputeChange extends ComputeKey { state: ComputeState }

export interface ComputeTrackerDeps {
  readEndpoint(profile: string, endpoint: string): Promise<Endpoint>;
  now?: () => number;
}

/**
 * The API's shortest suspend timeout (`suspend_timeout_duration` ≥ 60 s): a compute seen active less
 * than this ago cannot be idle yet, so a new connection then needs no read (a pool that reconnects
 * often would otherwise send one REST call per Postgres connection).
 */
export const MIN_SUSPEND_MS = 60_000;

const keyOf = (k: ComputeKey) => `${k.profile}\0${k.endpoint}`;

/**
 * The last known compute state per endpoint, for the status bar and the tree. Read from the API when
 * asked (a target chosen) and again whenever a new connection is opened — the service scales an idle
 * compute to zero after its suspend timeout, so a state read minutes ago says little. A connection to an
 * idle compute is what wakes it: "waking" from then until it is connected.
 */
export class ComputeTracker {
  private readonly states = new Map<string, ComputeState>();
  /** Bumped by each connected(): a read that started before it must not overwrite "active". */
  private readonly epochs = new Map<string, number>();
  private readonly events = new EventEmitter();
  /** When each endpoint was last seen active (a read said so, or a connection opened). */
  private readonly activeAt = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly deps: ComputeTrackerDeps) {
    this.now = deps.now ?? Date.now;
  }

  state(k: ComputeKey): ComputeState | undefined {
    return this.states.get(keyOf(k));
  }

  /** Reads the endpoint's state now; undefined when the read fails (its cause is reported elsewhere). */
  async refresh(k: ComputeKey): Promise<ComputeState | undefined> {
    const epoch = this.epochs.get(keyOf(k)) ?? 0;
    let state: ComputeState;
    try {
      state = computeStateOf(await this.deps.readEndpoint(k.profile, k.endpoint));
    } catch {
      return undefined;
    }
    if ((this.epochs.get(keyOf(k)) ?? 0) !== epoch) return this.state(k); // connected meanwhile
    // The read sees IDLE while our own connection is waking it: keep saying so.
    if (state === "idle" && this.connectingNow.has(keyOf(k))) state = "waking";
    if (state === "active") this.activeAt.set(keyOf(k), this.now());
    this.set(k, state);
    return state;
  }

  private readonly connectingNow = new Set<string>();

  /** A new physical connection is being opened: an idle compute wakes now. Resolves when the state was re-read. */
  async connecting(k: ComputeKey): Promise<void> {
    const key = keyOf(k);
    this.connectingNow.add(key);
    if (this.state(k) === "idle") this.set(k, "waking");
    const seen = this.activeAt.get(key);
    if (this.state(k) === "active" && seen !== undefined && this.now() - seen < MIN_SUSPEND_MS) return;
    await this.refresh(k);
  }

  /** The server refused a connection because its compute is starting: waking, whatever the last read said. */
  waking(k: ComputeKey): void {
    this.connectingNow.add(keyOf(k));
    this.set(k, "waking");
  }

  /** A connection is open: the compute runs. */
  connected(k: ComputeKey): void {
    const key = keyOf(k);
    this.connectingNow.delete(key);
    this.epochs.set(key, (this.epochs.get(key) ?? 0) + 1);
    this.activeAt.set(key, this.now());
    this.set(k, "active");
  }

  /** The connection attempt ended without a connection: leave the state to the next read. */
  failed(k: ComputeKey): void {
    this.connectingNow.delete(keyOf(k));
  }

  onDidChange(listener: (c: ComputeChange) => void): Subscription {
    return subscribe(this.events, "change", listener);
  }

  private set(k: ComputeKey, state: ComputeState): void {
    if (this.states.get(keyOf(k)) === state) return;
    this.states.set(keyOf(k), state);
    this.events.emit("change", { profile: k.profile, endpoint: k.endpoint, state } satisfies ComputeChange);
  }
}
