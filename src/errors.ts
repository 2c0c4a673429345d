/**
 * Exit codes of every podpid command. Scripts depend on them, and the README lists them.
 */
export const ExitCode = {
  ok: 0,
  /** An unexpected failure: a bug in podpid, or an engine error that no other code covers. */
  failure: 1,
  /** Invalid flags or arguments (oclif uses 2 for its own parse errors too). */
  usage: 2,
  /** The Docker engine is unreachable: nothing listens at its address, or it did not respond to a ping in time. */
  engineUnavailable: 3,
  /** A pod, container, process or image that the command needs does not exist. */
  notFound: 4,
  /** The name is taken: a pod or a container of that name already exists. */
  conflict: 5,
  /** A container failed to be created or to start, so `run` rolled the pod back. */
  startFailed: 6,
  /** `zombies` found zombie processes. */
  zombiesFound: 7,
  /** The processes of the pod cannot be read: the engine's host /proc is not visible from here. */
  procUnavailable: 8,
  /** The signal could not be delivered, for example because the sending container has no kill program. */
  signalFailed: 9,
  /** `run` was interrupted by SIGINT or SIGTERM, and removed what it had created (128 + SIGINT, as shells use). */
  interrupted: 130,
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

/**
 * An error that podpid expects and explains: its message is one line for the user, saying what failed and what to
 * do next, and its exit code is one of ExitCode.
 */
export class PodpidError extends Error {
  readonly exitCode: ExitCodeValue

  constructor(message: string, exitCode: ExitCodeValue, options?: {cause?: unknown}) {
    super(message, options)
    this.name = 'PodpidError'
    this.exitCode = exitCode
  }
}

/** Returns the HTTP status code of a dockerode error, or undefined for an error that did not come from the engine. */
export function engineStatusCode(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const {statusCode} = error as {statusCode: unknown}
    return typeof statusCode === 'number' ? statusCode : undefined
  }

  return undefined
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'])

/** Returns true when an error means that no engine is reachable at the configured address. */
export function isEngineUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const {code} = error as {code?: unknown}
  return typeof code === 'string' && unreachableCodes.has(code)
}

/** Returns the engine's own message of a dockerode error, without the HTTP preamble dockerode adds. */
export function engineMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const {json} = error as {json?: unknown}
    if (typeof json === 'object' && json !== null && 'message' in json) {
      return String((json as {message: unknown}).message)
    }
  }

  return error instanceof Error ? error.message : String(error)
}
