import {stripVTControlCharacters} from 'node:util'
import {Command, Errors} from '@oclif/core'
import chalk from 'chalk'
import {DockerEngine, type PodEngine} from './engine.js'
import type {Report} from './render.js'
import {ExitCode, PodpidError, engineMessage} from './errors.js'

/**
 * Base of every podpid command, with the --json flag, the engine connection (DOCKER_HOST, or the default socket),
 * and the one place that turns failures into a one-line message and a documented exit code.
 */
export abstract class PodpidCommand extends Command {
  static override enableJsonFlag = true

  override async init(): Promise<void> {
    await super.init()
    // chalk turns colours off for a non-TTY stdout by itself, but ignores NO_COLOR (https://no-color.org): any
    // non-empty value turns them off.
    if (process.env.NO_COLOR) chalk.level = 0
  }

  /**
   * Connects to the engine and pings it, so that an engine that is down or hung fails every command the same way,
   * within the ping timeout, before any other call could wait forever.
   */
  protected async connect(): Promise<PodEngine> {
    const engine = new DockerEngine()
    await engine.ping()
    return engine
  }

  /** Prints a report: what was done on stdout, what failed on stderr; nothing of it with --json. */
  protected report(report: Report): void {
    for (const line of report.stdout) this.log(line)
    for (const line of report.stderr) this.logToStderr(line)
  }

  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    if (error instanceof Errors.ExitError) return super.catch(error)
    const known = toPodpidError(error, this.id ?? '')

    if (this.jsonEnabled()) {
      this.logJson({error: {message: known.message, exitCode: known.exitCode}})
      return this.exit(known.exitCode)
    }

    // One line on stderr, unwrapped and without oclif's decorations, so scripts can grep it.
    process.stderr.write(`Error: ${known.message}\n`)
    return this.exit(known.exitCode)
  }
}

/** oclif's messages for invalid input, and their rewording as one line in podpid's style. */
const OCLIF_MESSAGES: [RegExp, (...groups: string[]) => string][] = [
  [/^Missing \d+ required args?:\n(\S+)/, (name) => `missing argument ${name.toUpperCase()}`],
  [/^Missing required flag (\S+)/, (name) => `missing flag --${name}`],
  [/^Flag --(\S+) expects a value/, (name) => `missing value for --${name}`],
  [/^Flag --(\S+) expects one of these values: (.*)/, (name, options) => `missing value for --${name}, which takes one of ${options}`],
  [/^Flag --(\S+) can only be specified once/, (name) => `--${name} is given more than once`],
  [/^--(\S+?)=.* cannot also be provided when using --(\S+)/, (first, second) => `--${first} and --${second} cannot be used together`],
  [/^Unexpected arguments?: (.*)/, (values) => `unexpected argument${values.includes(',') ? 's' : ''} ${values}`],
  [/^Nonexistent flags?: (.*)/, (flags) => `unknown flag ${flags}`],
  [/^Expected --(\S+?)=(.*) to be one of: (.*)/, (flag, value, options) => `invalid --${flag} '${value}', which takes one of ${options}`],
]

/**
 * Turns any error into a PodpidError with a one-line message. podpid's own errors keep theirs. oclif's errors for
 * invalid flags and arguments get exit code 2 and a pointer to the command's help. oclif rewrites the message of
 * an error thrown while parsing a flag value, PodpidError included, to "Parsing --FLAG\n\tMESSAGE\nSee more help
 * with --help", so only MESSAGE is kept. Anything else is unexpected: exit code 1, with the way to see details.
 */
export function toPodpidError(error: Error, commandId: string): PodpidError {
  // oclif dims parts of its messages with ANSI codes when the terminal has colours; they would defeat the patterns.
  const message = stripVTControlCharacters(error.message)
    .replace(/^Parsing --\S+\s*\n\t/, '')
    .replace(/\nSee more help with --help$/, '')
  const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim()

  if (error instanceof PodpidError) return new PodpidError(oneLine(message), error.exitCode, {cause: error})

  if (error instanceof Errors.CLIError) {
    // oclif lists several failures under a heading; the first one is enough to act on.
    const failures = message.replace(/^The following errors? occurred:\s*/, '').trim()
    for (const [pattern, reword] of OCLIF_MESSAGES) {
      const match = pattern.exec(failures)
      if (match) {
        return new PodpidError(`${reword(...match.slice(1))}: see 'podpid ${commandId.replaceAll(':', ' ')} --help'`, ExitCode.usage, {cause: error})
      }
    }

    return new PodpidError(oneLine(failures), ExitCode.usage, {cause: error})
  }

  return new PodpidError(
    `unexpected failure: ${oneLine(engineMessage(error))}; rerun with DEBUG=podpid:* for details`,
    ExitCode.failure,
    {cause: error},
  )
}
