// Typed errors: stages throw these; only the CLI entry turns them into a message and an exit code.

export class AccessbenchError extends Error {
  override name = 'AccessbenchError';
}

/** Bad flags, config, result files or any other user input. Exit 2. */
export class ConfigError extends AccessbenchError {
  override name = 'ConfigError';
}

/** A backend could not be started or reached. */
export class InfraError extends AccessbenchError {
  override name = 'InfraError';
}

/** A significant regression or failed threshold. Exit 1. */
export class RegressionError extends AccessbenchError {
  override name = 'RegressionError';
}

/** Ctrl-C or SIGTERM. Exit 130. */
export class InterruptedError extends AccessbenchError {
  override name = 'InterruptedError';
  constructor(signal: string) {
    super(`interrupted by ${signal}`);
  }
}

/** A served request with bad input: the server answers 400. */
export class BadRequest extends AccessbenchError {
  override name = 'BadRequest';
}

/** A served request for something that does not exist: the server answers 404. */
export class NotFound extends AccessbenchError {
  override name = 'NotFound';
}

export const EXIT = { ok: 0, regression: 1, badInput: 2, failure: 3, interrupted: 130 } as const;
