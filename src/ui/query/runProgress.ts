import * as vscode from "vscode";

const REPORT_EVERY_MS = 250;

/**
 * A cancellable progress notification for a run, shown only once it has lasted `delayMs`
 * (a 20 ms query should not flash a toast). Cancel there aborts the run.
 */
export class RunProgress implements vscode.Disposable {
  private report: vscode.Progress<{ message?: string }> | undefined;
  private message = "Running…";
  private finish!: () => void;
  private readonly finished = new Promise<void>((resolve) => { this.finish = resolve; });
  private readonly timer: NodeJS.Timeout;
  private reportTimer: NodeJS.Timeout | undefined;

  constructor(title: string, onCancel: () => void, delayMs = 1000) {
    this.timer = setTimeout(() => {
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
        token.onCancellationRequested(onCancel);
        this.report = progress;
        progress.report({ message: this.message });
        return this.finished;
      });
    }, delayMs);
  }

  set(message: string): void {
    this.message = message;
    // Set once per page while rows stream in: the notification (a message to the workbench) is updated at most
    // every REPORT_EVERY_MS, with the latest text.
    if (!this.report || this.reportTimer) return;
    this.report.report({ message });
    this.reportTimer = setTimeout(() => { this.reportTimer = undefined; if (this.message !== message) this.report?.report({ message: this.message }); }, REPORT_EVERY_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.reportTimer);
    this.finish();
  }
}
