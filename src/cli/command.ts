import { parseArgs } from 'node:util';

/**
 * What every command-line tool of the project shares: node:util parseArgs in
 * strict mode, `--help`/`-h`, and one convention for exit statuses:
 *   0  done;
 *   1  the work failed (a file that does not import, a database error…);
 *   2  the command line was not understood: one line on stderr, nothing done.
 */

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
}

type OptionSpecs = Record<string, OptionSpec>;

export interface Command<O extends OptionSpecs> {
  /** As the user types it (the bin name), e.g. `ebox-import`. */
  name: string;
  /** Printed by --help, starting with `usage:`. */
  usage: string;
  options: O;
  /** Positional arguments are refused unless the command takes some. */
  positionals?: boolean;
  /** The status of a failure, for a tool whose 1 means something else (spec-diff: differences found). */
  failureStatus?: number;
}

type Config<O extends OptionSpecs> = { args: string[]; options: O; allowPositionals: true; strict: true };

/** The parsed command line: `values` typed from the command's options. */
export type CommandLine<O extends OptionSpecs> = ReturnType<typeof parseArgs<Config<O>>>;

/** A command line that cannot be understood; its message is one line, shown after the command's name. */
export class UsageError extends Error {}

const PARSE_ERRORS = new Set(['ERR_PARSE_ARGS_UNKNOWN_OPTION', 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL']);

/**
 * Parses `argv` (without node and the script), or returns 'help' when it
 * asks for it. Node's messages go on with advice on `--` that does not fit
 * one line; their first sentence says what is wrong.
 */
export function parseCommandLine<O extends OptionSpecs>(command: Command<O>, argv: string[]): CommandLine<O> | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.positionals ?? false,
      strict: true,
    });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && PARSE_ERRORS.has(code)) {
      const first = (err as Error).message.split(/\.(?:\s|$)/)[0];
      throw new UsageError(first.charAt(0).toLowerCase() + first.slice(1));
    }
    throw err;
  }
  if ((parsed.values as { help?: boolean }).help) return 'help';
  return parsed as CommandLine<O>;
}

/**
 * Runs `main` with the parsed command line and sets the exit status: what
 * `main` returns (0 when nothing), EXIT_USAGE for a UsageError, the
 * command's failure status for anything else. The process then ends by
 * itself, once its output is flushed; the promise, settled with the status,
 * is for a tool that has to end it.
 */
export function runCommand<O extends OptionSpecs>(command: Command<O>, main: (line: CommandLine<O>) => Promise<number | void>): Promise<number> {
  const argv = process.argv.slice(2);
  const run = async (): Promise<number> => {
    const line = parseCommandLine(command, argv);
    if (line === 'help') {
      process.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return (await main(line)) ?? 0;
  };
  const failed = (err: unknown): number => {
    if (err instanceof UsageError) {
      process.stderr.write(`${command.name}: ${err.message} (see ${command.name} --help)\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`${command.name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return command.failureStatus ?? EXIT_FAILURE;
  };
  return run().then(
    (status) => (process.exitCode = status),
    (err: unknown) => (process.exitCode = failed(err)),
  );
}
