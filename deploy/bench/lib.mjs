// What the benchmarks' Node.js clients share: their exit codes, settings read from the environment (set by the
// calling script), and a log line naming the client.

export const EXIT_FAILED = 1;
export const EXIT_SETUP = 2;

/** A mistake in how the client was started (a setting missing or malformed): exit code 2. */
export class SetupError extends Error {}

/** A function writing "[name hh:mm:ss] message" lines to stderr. */
export function logger(name) {
  return message => process.stderr.write(`[${name} ${new Date().toTimeString().slice(0, 8)}] ${message}\n`);
}

/** The environment variable, which must be set and not empty. */
export function setting(name) {
  const value = process.env[name];
  if (value === undefined || value === '') throw new SetupError(`${name} is not set`);
  return value;
}

/** The environment variable as a whole number. */
export function whole(name) {
  const text = setting(name);
  if (!/^[0-9]+$/.test(text)) throw new SetupError(`${name} must be a whole number, got '${text}'`);
  return Number(text);
}
