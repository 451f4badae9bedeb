/**
 * Errors a user can meet. Each says what happened and carries the one command or
 * setting that fixes it; only scripts/cli.ts turns them into an exit code.
 */
export class UserError extends Error {
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

/** What the user sees for a UserError (scripts/cli.ts prints it): what happened, then the fix. */
export function formatUserError(error: UserError): string {
  return `\n✖ ${error.message}\n  fix: ${error.fix}`;
}
