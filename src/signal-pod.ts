import createDebug from 'debug'
import type {PodEngine} from './engine.js'
import {ExitCode, PodpidError, engineMessage} from './errors.js'
import {podContainer, type Pod, type PodContainer} from './pod.js'
import {displayCommand, type PodProcess} from './proc/process.js'
import {snapshotPod} from './proc/snapshot.js'
import type {Signal} from './signals.js'

const debug = createDebug('podpid:kill')

export interface KillRequest {
  /** The container whose processes receive the signal. */
  container: string
  signal: Signal
  /** The container to send the signal from, by running `kill` there; from the host when absent. */
  from?: string
  /** A pod PID that must belong to `container`. */
  pid?: number
  /** A regular expression matched against each process's command line. */
  match?: string
}

export interface SignalOutcome {
  pid: number
  hostPid: number
  command: string
  delivered: boolean
  /** Reason for a failed delivery. */
  error?: string
}

export interface KillResult {
  pod: string
  container: string
  signal: string
  from: string | null
  processes: SignalOutcome[]
}

/** Exit codes of a `kill` run by the engine's exec when the program is missing (126: not executable, 127: not found). */
const MISSING_PROGRAM_EXIT_CODES = new Set([126, 127])

/**
 * Sends a signal to processes of one pod container: its main process, one pod PID, or every process whose command
 * line matches. With `from`, that container's own `kill` program sends it, which works because the containers share
 * a PID namespace. Without `from`, podpid sends it from the host.
 */
export async function signalPod(engine: PodEngine, pod: Pod, request: KillRequest): Promise<KillResult> {
  const pattern = request.match === undefined ? undefined : compilePattern(request.match)
  const target = podContainer(pod, request.container)
  const sender = request.from === undefined ? undefined : podContainer(pod, request.from)
  for (const container of sender ? [target, sender] : [target]) requireRunning(pod, container)

  const processes = await snapshotPod(engine, pod)
  const targets = selectTargets(pod, target, processes, request, pattern)

  const outcomes: SignalOutcome[] = []
  for (const process of targets) {
    const outcome = {pid: process.pid, hostPid: process.hostPid, command: displayCommand(process)}
    try {
      if (sender) await sendFrom(engine, pod, sender, process.pid, request.signal)
      else if (request.pid === undefined && request.match === undefined) await engine.killContainer(target.id, String(request.signal.number))
      else globalThis.process.kill(process.hostPid, request.signal.number)
      outcomes.push({...outcome, delivered: true})
    } catch (error) {
      if (error instanceof PodpidError) throw error
      debug('signal to %d failed: %O', process.pid, error)
      outcomes.push({...outcome, delivered: false, error: engineMessage(error)})
    }
  }

  return {pod: pod.name, container: target.name, signal: request.signal.name, from: sender?.name ?? null, processes: outcomes}
}

function requireRunning(pod: Pod, container: PodContainer): void {
  if (container.state === 'running') return
  throw new PodpidError(
    `container '${container.name}' of pod '${pod.name}' is not running (${container.state}): ` +
      `see 'podpid ls', or remove the pod and run it again`,
    ExitCode.notFound,
  )
}

/** Picks the processes to signal; zombies are left out because they can no longer receive signals. */
function selectTargets(
  pod: Pod,
  target: PodContainer,
  processes: PodProcess[],
  request: KillRequest,
  pattern: RegExp | undefined,
): PodProcess[] {
  const own = processes.filter((process) => process.container === target.name && process.state !== 'Z')

  if (request.pid !== undefined) {
    const process = processes.find((candidate) => candidate.pid === request.pid)
    if (process?.state === 'Z' && process.container === target.name) {
      throw new PodpidError(
        `PID ${request.pid} in container '${target.name}' is a zombie: it has exited and cannot receive signals; see 'podpid zombies ${pod.name}'`,
        ExitCode.notFound,
      )
    }

    if (process && process.container === target.name) return [process]
    const where = process ? `it belongs to container '${process.container}'` : 'no process has that PID'
    throw new PodpidError(
      `PID ${request.pid} is not a process of container '${target.name}' in pod '${pod.name}': ${where}; see 'podpid ps ${pod.name}'`,
      ExitCode.notFound,
    )
  }

  if (pattern) {
    const matching = own.filter((process) => pattern.test(displayCommand(process)))
    if (matching.length > 0) return matching
    throw new PodpidError(
      `no process of container '${target.name}' in pod '${pod.name}' matches '${request.match}': see 'podpid ps ${pod.name}'`,
      ExitCode.notFound,
    )
  }

  // The main process is the one whose parent is outside the pod's namespace (PPID 0); for the infra, it is PID 1.
  const main = own.find((process) => process.ppid === 0)
  if (main) return [main]
  throw new PodpidError(
    `container '${target.name}' of pod '${pod.name}' has no main process: it may have just exited; see 'podpid ps ${pod.name}'`,
    ExitCode.notFound,
  )
}

/** Compiles a --match pattern; an empty one is rejected because it would match every process. */
function compilePattern(source: string): RegExp {
  if (source === '') {
    throw new PodpidError(`invalid --match pattern '': it matches every process; give part of a command line`, ExitCode.usage)
  }

  try {
    return new RegExp(source)
  } catch (error) {
    throw new PodpidError(`invalid --match pattern '${source}': ${(error as Error).message}`, ExitCode.usage)
  }
}

async function sendFrom(engine: PodEngine, pod: Pod, sender: PodContainer, pid: number, signal: Signal): Promise<void> {
  const noKill = (detail: string) =>
    new PodpidError(
      `container '${sender.name}' of pod '${pod.name}' has no kill program (${detail}): use an image with kill on its ` +
        `PATH, such as busybox, or send the signal without --from`,
      ExitCode.signalFailed,
    )

  let result
  try {
    result = await engine.exec(sender.id, ['kill', '-s', signal.name, String(pid)])
  } catch (error) {
    if (error instanceof PodpidError) throw error
    const message = engineMessage(error)
    if (/executable file not found|no such file or directory/i.test(message)) throw noKill(message)
    throw error
  }

  if (MISSING_PROGRAM_EXIT_CODES.has(result.exitCode)) throw noKill((result.stdout + result.stderr).trim() || `exit code ${result.exitCode}`)
  if (result.exitCode !== 0) {
    throw new Error(`kill in ${sender.name} exited with code ${result.exitCode}: ${(result.stderr || result.stdout).trim()}`)
  }
}
