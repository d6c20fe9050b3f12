/** A stderr spinner while we wait; silent when stderr is not a terminal (CI logs, pipes, tests). */
export interface Spinner {
  update(text: string): void;
  pause(): void;
  stop(): void;
}

export function startSpinner(stream: NodeJS.WriteStream = process.stderr): Spinner {
  if (!stream.isTTY) {
    let last = "";
    return {
      update: (text) => {
        // Without a TTY, say it once as a plain line so a log still shows why we wait.
        if (text !== last && text.startsWith("Waiting for another")) stream.write(`${text}\n`);
        last = text;
      },
      pause: () => undefined,
      stop: () => undefined,
    };
  }
  let ora: import("ora").Ora | undefined;
  let pending: string | undefined;
  void import("ora").then((m) => {
    ora = m.default({ stream, discardStdin: false });
    if (pending) ora.start(pending);
  });
  return {
    update: (text) => {
      pending = text;
      if (ora) ora.start(text);
    },
    pause: () => {
      pending = undefined;
      ora?.stop();
    },
    stop: () => {
      pending = undefined;
      ora?.stop();
    },
  };
}
