import {Command, Errors} from '@oclif/core'
import chalk from 'chalk'
import {DockerEngine, type PodEngine} from './engine.js'
import {ExitCode, PodpidError} from './errors.js'

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

  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    const known = toKnownError(error)
    if (!known) return super.catch(error)

    if (this.jsonEnabled()) {
      process.exitCode = known.exitCode
      this.logJson({error: {name: known.name, message: known.message, exitCode: known.exitCode}})
      return undefined
    }

    // One line on stderr, unwrapped and without oclif's decorations, so scripts can grep it.
    process.stderr.write(`Error: ${known.message}\n`)
    return this.exit(known.exitCode)
  }
}

/**
 * Returns the error as a PodpidError when podpid expects it: its own errors, and oclif's errors for invalid flags
 * and arguments (exit 2). oclif rewrites the message of an error thrown while parsing a flag value, PodpidError
 * included, to "Parsing --FLAG\n\tMESSAGE\nSee more help with --help"; only MESSAGE is kept.
 */
function toKnownError(error: Error): PodpidError | undefined {
  let exitCode: PodpidError['exitCode']
  if (error instanceof PodpidError) exitCode = error.exitCode
  else if (error instanceof Errors.CLIError && !(error instanceof Errors.ExitError)) exitCode = ExitCode.usage
  else return undefined

  const message = error.message
    .replace(/^Parsing --\S+\s*\n\t/, '')
    .replace(/\nSee more help with --help$/, '')
    .replace(/\s*\n\s*/g, ' ')
  return new PodpidError(message, exitCode, {cause: error})
}
