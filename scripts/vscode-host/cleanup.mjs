// LIFO cleanup list run on every exit path (normal end, error, Ctrl+C, SIGTERM), once.
export function createCleanup() {
  const steps = [];
  let running = null;

  const run = () => {
    running ??= (async () => {
      while (steps.length) {
        const step = steps.pop();
        try {
          await step();
        } catch (err) {
          console.error(`cleanup: ${err?.message ?? err}`);
        }
      }
    })();
    return running;
  };

  const installSignalHandlers = () => {
    for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]]) {
      process.on(signal, () => {
        console.error(`\n${signal}: stopping…`);
        // A second signal while cleaning up means "now".
        process.once(signal, () => process.exit(code));
        void run().finally(() => process.exit(code));
      });
    }
  };

  return { add: (step) => { steps.push(step); }, run, installSignalHandlers };
}
