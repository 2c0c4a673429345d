import createDebug from 'debug'
import type {PodEngine} from './engine.js'
import {ExitCode, PodpidError, engineMessage} from './errors.js'
import {podContainer, type Pod, type PodContainer} from './pod.js'
import {displayCommand, type PodProcess} from './proc/process.js'
import {checkHostSignalTarget, hasExited, procRoot, readSignalMasks, snapshotPod} from './proc/snapshot.js'
import {initDropsSignal, type Signal} from './signals.js'

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
  /** True when the process exited before the signal reached it, which counts as nothing left to signal. */
  exited?: boolean
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
 * a PID namespace. Without `from`, the engine signals the main process, and podpid signals other processes from
 * the host.
 */
export async function signalPod(engine: PodEngine, pod: Pod, request: KillRequest): Promise<KillResult> {
  const pattern = request.match === undefined ? undefined : compilePattern(request.match)
  const target = podContainer(pod, request.container)
  const sender = request.from === undefined ? undefined : podContainer(pod, request.from)
  for (const container of sender ? [target, sender] : [target]) requireRunning(pod, container)

  const mainHostPid = (await engine.inspectContainer(target.id)).pid
  const processes = await snapshotPod(engine, pod)
  const targets = selectTargets(pod, target, processes, request, pattern, mainHostPid)

  const outcomes: SignalOutcome[] = []
  for (const process of targets) {
    const outcome = {pid: process.pid, hostPid: process.hostPid, command: displayCommand(process)}
    let failure: string | undefined
    try {
      if (sender) failure = await sendFrom(engine, pod, sender, process, request.signal)
      else if (request.pid === undefined && request.match === undefined) await engine.killContainer(target.id, String(request.signal.number))
      else sendFromHost(process, request.signal)
    } catch (error) {
      if (error instanceof PodpidError) throw error
      debug('signal to %d failed: %O', process.pid, error)
      failure = engineMessage(error)
    }

    if (failure === undefined) outcomes.push({...outcome, delivered: true})
    else if (hasExited(procRoot(), process)) outcomes.push({...outcome, delivered: false, exited: true, error: 'it exited before the signal reached it'})
    else outcomes.push({...outcome, delivered: false, error: failure})
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
  mainHostPid: number,
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

  // The engine reports the main process's host PID; PPID 0 does not identify it, since `docker exec` processes have it too.
  const main = own.find((process) => process.hostPid === mainHostPid)
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

function sendFromHost(process: PodProcess, signal: Signal): void {
  const root = procRoot()
  checkHostSignalTarget(root, process)
  // The PID may have been reused since the snapshot, which a changed start time reveals. NOTE: a reuse between
  // this check and the kill itself is not caught.
  if (hasExited(root, process)) throw new Error('it exited before the signal was sent')
  globalThis.process.kill(process.hostPid, signal.number)
}

/**
 * Runs `kill` in the sender container and returns why the signal did not arrive, or undefined when it did. A
 * signal to PID 1 from inside the pod is checked against PID 1's signal masks, because the kernel drops it
 * silently when the init neither catches nor blocks it, and `kill` still succeeds.
 */
async function sendFrom(engine: PodEngine, pod: Pod, sender: PodContainer, process: PodProcess, signal: Signal): Promise<string | undefined> {
  if (process.pid === 1) {
    const masks = readSignalMasks(procRoot(), process.hostPid)
    if (masks && initDropsSignal(signal, masks)) {
      return `PID 1 of the pod ignores ${signal.name} sent from inside the pod, since the kernel delivers to a namespace's init only the signals it catches or blocks; send it without --from`
    }
  }

  const result = await engine.exec(sender.id, ['kill', '-s', signal.name, String(process.pid)])
  if (MISSING_PROGRAM_EXIT_CODES.has(result.exitCode)) {
    const detail = (result.stdout + result.stderr).trim() || `exit code ${result.exitCode}`
    throw new PodpidError(
      `container '${sender.name}' of pod '${pod.name}' has no kill program (${detail}): use an image with kill on its ` +
        `PATH, such as busybox, or send the signal without --from`,
      ExitCode.signalFailed,
    )
  }

  if (result.exitCode === 0) return undefined
  return `kill in ${sender.name} exited with code ${result.exitCode}: ${(result.stderr || result.stdout).trim()}`
}
