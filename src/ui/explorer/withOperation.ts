import * as vscode from "vscode";
import type { OperationHandle } from "../../core/lakebase/client";
import type { LakebaseClient } from "../../core/lakebase/client";
import { operationProgressText } from "../../core/explorer/operationProgress";

/** Runs a long-running Lakebase operation under a cancellable progress notification. */
export function withOperation<T>(
  client: LakebaseClient,
  title: string,
  start: (signal: AbortSignal) => Promise<OperationHandle<T>>,
): Promise<T> {
  return Promise.resolve(vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        const handle = await start(abort.signal);
        const started = Date.now();
        return await client.waitForOperation(handle, {
          signal: abort.signal,
          onProgress: () => progress.report({ message: operationProgressText(Date.now() - started) }),
        });
      } finally {
        sub.dispose();
      }
    },
  ));
}
