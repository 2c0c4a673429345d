import {Command, Errors} from '@oclif/core'
import {DockerEngine, type PodEngine} from './engine.js'
import {ExitCode, PodpidError} from './errors.js'

/**
 * What every podpid command shares: the --json flag, the engine connection (DOCKER_HOST, or the default socket),
 * and the one place that turns a PodpidError into a one-line message with its exit code.
 */
export abstract class PodpidCommand extends Command {
  static override enableJsonFlag = true

  private cachedEngine?: PodEngine

  protected get engine(): PodEngine {
    this.cachedEngine ??= new DockerEngine()
    return this.cachedEngine
  }

  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    if (error instanceof PodpidError) {
      // oclif prints the message as one line, "Error: ...", and exits with the given code; with --json it prints
      // {"error": {...}} instead, with the same code.
      const cliError = new Errors.CLIError(error.message, {exit: error.exitCode})
      return super.catch(Object.assign(cliError, {exitCode: error.exitCode}))
    }

    if (error instanceof Errors.CLIError && error.oclif?.exit === undefined) {
      return super.catch(Object.assign(error, {exitCode: ExitCode.usage}))
    }

    return super.catch(error)
  }
}
