/** A minimal typed event (VS Code's `Event<T>` shape, without importing vscode). */
export interface Disposable {
  dispose(): void;
}

export class ChangeEmitter<T> {
  private listeners = new Set<(value: T) => void>();

  constructor(private readonly onListenerError: (err: unknown) => void = () => {}) {}

  /** Subscribes; the returned Disposable unsubscribes. */
  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    // A throwing listener must not stop the others nor the model's own bookkeeping.
    for (const l of [...this.listeners]) {
      try { l(value); } catch (err) { this.onListenerError(err); }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
