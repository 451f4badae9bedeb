/**
 * Errors a user can meet. Each says what happened and carries the one command or
 * setting that fixes it; only scripts/cli.ts turns them into an exit code.
 */
export class UserError extends Error {
  /** What the process exits with: 1, "the command failed", unless a subclass says otherwise. */
  readonly exitCode: number = 1;

  constructor(
    message: string,
    /** One line: the command or setting that fixes it. */
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The command line itself is wrong: an unknown command or option, an option without
 * its value, a value out of range. Exits 2, the code shells and CLIs use for usage
 * errors, so a script can tell "called wrongly" from "ran and failed" (1).
 */
export class UsageError extends UserError {
  override readonly exitCode = 2;
}

/**
 * The command ran and what it checks is not right: a doctor check or a smoke step
 * failed. The report above the error already shows each failure; this names the
 * first and its fix, and exits 1.
 */
export class ChecksFailed extends UserError {}

/** The user answered no to a question (`reset`): nothing was done; exits 1 so a script sees it did not happen. */
export class Cancelled extends UserError {}

/** What the user sees for a UserError (scripts/cli.ts prints it): what happened, then the fix. */
export function formatUserError(error: UserError): string {
  return `\n✖ ${error.message}\n  fix: ${error.fix}`;
}

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

/**
 * The user stopped a command (Ctrl-C is SIGINT; `kill` and service managers send
 * SIGTERM). Exits 128 + the signal's number, what a shell reports for a process
 * that signal killed: 130 for SIGINT, 143 for SIGTERM, so `$?` and CI read it as
 * "interrupted", not as a failed check (exit 1).
 */
export class Interrupted extends UserError {
  override readonly exitCode: number;

  constructor(
    readonly signalName: InterruptSignal,
    message = `interrupted (${signalName})`,
    fix = 'run the command again',
  ) {
    super(message, fix);
    this.exitCode = 128 + SIGNAL_NUMBERS[signalName];
  }
}

/** The POSIX signal numbers the exit code is built from (128 + n). */
const SIGNAL_NUMBERS: Record<InterruptSignal, number> = { SIGINT: 2, SIGTERM: 15 };
