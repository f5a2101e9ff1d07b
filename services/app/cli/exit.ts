/** The CLI's exit codes (README "Exit codes"): every command ends with one of these. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** Something failed: a service down, bad input lines, a failed backfill. */
  failure: 1,
  /** The command line was wrong: unknown option, command, topic, series, … (nothing was done). */
  usage: 2,
} as const;
