import cliProgress from 'cli-progress';

/** Where the CLI reports ingest progress and bad lines; `log` writes a line without breaking the bar. */
export interface ByteProgress {
  update(read: number): void;
  log(line: string): void;
  stop(): void;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * A bytes-read progress bar on `stream` (stderr) when it is a TTY and the total is known (file
 * input); otherwise a no-op that just writes log lines. Used by `claimwatch ingest`.
 */
export function createByteProgress(stream: NodeJS.WriteStream, total: number | undefined): ByteProgress {
  if (!stream.isTTY || total === undefined) {
    return { update: () => undefined, log: (line) => void stream.write(`${line}\n`), stop: () => undefined };
  }
  // A MultiBar with one bar: it is the cli-progress bar that can print lines above itself.
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: 'ingest [{bar}] {percentage}% | {done} / {size} | eta {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(Math.max(total, 1), 0, { done: formatBytes(0), size: formatBytes(total) });
  return {
    update: (read) => bar.update(Math.min(read, total), { done: formatBytes(read) }),
    log: (line) => multi.log(`${line}\n`),
    stop: () => multi.stop(),
  };
}
