import cliProgress from 'cli-progress';
import type { BackfillStatus } from '../../../schemas/backfill.ts';

/** Where `claimwatch backfill` shows a running backfill. */
export interface BackfillProgressView {
  update(status: BackfillStatus): void;
  stop(): void;
}

/** One line for logs and non-TTY output: `running 1200/5000 (24/100 batches) 310.2/s eta 13s`. */
export function describeProgress(s: BackfillStatus): string {
  const eta = s.etaSeconds === null ? '' : ` eta ${s.etaSeconds}s`;
  return `${s.state} ${s.done}/${s.total} (${s.batchesDone}/${s.batchesTotal} batches) ${s.ratePerSec}/s${eta}${s.error ? ` error: ${s.error}` : ''}`;
}

/**
 * A cli-progress bar of records done on `stream` (stderr) when it is a TTY; otherwise one line per change
 * of state or every tenth of the way. Used by `claimwatch backfill`.
 */
export function createBackfillProgressView(stream: NodeJS.WriteStream): BackfillProgressView {
  if (!stream.isTTY) {
    let last = '';
    let lastTenth = -1;
    return {
      update: (s) => {
        const tenth = s.total > 0 ? Math.floor((10 * s.done) / s.total) : 0;
        if (s.state === last && tenth === lastTenth) return;
        last = s.state;
        lastTenth = tenth;
        stream.write(`${describeProgress(s)}\n`);
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'backfill [{bar}] {percentage}% | {value}/{total} | {batches} batches | {rate}/s | eta {eta_s} | {state}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (s) => {
      const payload = {
        batches: `${s.batchesDone}/${s.batchesTotal}`,
        rate: s.ratePerSec,
        eta_s: s.etaSeconds === null ? '?' : `${s.etaSeconds}s`,
        state: s.state,
      };
      if (!started) {
        bar.start(Math.max(1, s.total), s.done, payload);
        started = true;
      }
      bar.setTotal(Math.max(1, s.total));
      bar.update(s.done, payload);
    },
    stop: () => bar.stop(),
  };
}
