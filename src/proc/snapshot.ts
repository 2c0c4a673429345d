import {readFileSync, readdirSync, readlinkSync} from 'node:fs'
import createDebug from 'debug'
import type {PodEngine} from '../engine.js'
import {ExitCode, PodpidError} from '../errors.js'
import {podInfra, type Pod} from '../pod.js'
import {parseCgroupContainerId, parseCmdline, parsePasswd, parseStat, parseStatus, parseUptime, type StatusFields} from './parse.js'
import type {PodProcess} from './process.js'

const debug = createDebug('podpid:proc')

/**
 * Clock ticks per second of /proc/PID/stat start times. NOTE: USER_HZ is 100 on x86 and arm Linux, where podpid
 * runs. Node.js cannot call sysconf(_SC_CLK_TCK) to check it on other architectures.
 */
const CLOCK_TICKS_PER_SECOND = 100

/** Returns the /proc that podpid reads: PODPID_PROC_ROOT, for another mount of the engine host's /proc, or /proc. */
export function procRoot(): string {
  return process.env.PODPID_PROC_ROOT || '/proc'
}

interface RawProcess {
  hostPid: number
  hostPpid: number
  pid: number
  state: string
  comm: string
  uid: number
  args: string[]
  startTicks: number
  containerId?: string
}

/**
 * Reads every process in the PID namespace of a pod's infra container from the host's /proc, zombies included,
 * in one pass. The engine supplies the infra's host PID and the container IDs; everything else comes from /proc.
 */
export async function snapshotPod(engine: PodEngine, pod: Pod): Promise<PodProcess[]> {
  const infra = podInfra(pod)
  const details = await engine.inspectContainer(infra.id)
  if (!details.running || details.pid <= 0) throw infraNotRunning(pod, details.state)

  const root = procRoot()
  const namespace = await readPidNamespace(engine, root, details.pid, infra.id, pod)
  const processes = readNamespaceProcesses(root, namespace, new Map(pod.containers.map((container) => [container.id, container.name])))
  await resolveUsers(engine, pod, processes)
  return processes
}

function infraNotRunning(pod: Pod, state: string): PodpidError {
  return new PodpidError(
    `pod '${pod.name}' has no running infra container (${state}), so it has no processes: ` +
      `remove it with 'podpid rm ${pod.name}' and run it again`,
    ExitCode.notFound,
  )
}

/** Largest /etc/passwd that podpid reads; a larger one is left unread and user IDs are shown as numbers. */
const MAX_PASSWD_BYTES = 1 << 20

/**
 * Replaces user IDs by names from each container's /etc/passwd. The file is read through the engine, which
 * resolves the path inside the container. Reading it through /proc/PID/root would follow a link in the container
 * to a file of the host, or block on a FIFO.
 */
async function resolveUsers(engine: PodEngine, pod: Pod, processes: PodProcess[]): Promise<void> {
  const present = new Set(processes.map((process) => process.container))
  const users = new Map<string, Map<number, string>>()
  await Promise.all(
    pod.containers
      .filter((container) => present.has(container.name))
      .map(async (container) => {
        const passwd = await engine.readFile(container.id, '/etc/passwd', MAX_PASSWD_BYTES).catch((error: unknown) => {
          debug('reading /etc/passwd of %s failed, showing user IDs: %O', container.name, error)
          return undefined
        })
        users.set(container.name, parsePasswd(passwd ?? ''))
      }),
  )

  for (const process of processes) process.user = users.get(process.container)?.get(process.uid) ?? String(process.uid)
}

/**
 * Returns the PID namespace of the infra's main process, after checking that this /proc is the engine's host:
 * the process must exist here and sit in the infra container's cgroup.
 */
async function readPidNamespace(engine: PodEngine, root: string, hostPid: number, infraId: string, pod: Pod): Promise<string> {
  const advice = process.env.PODPID_PROC_ROOT
    ? `check that PODPID_PROC_ROOT (${root}) is the /proc of the engine's host`
    : `podpid reads /proc of the engine's host, so run it on the machine where dockerd runs, as root (or set PODPID_PROC_ROOT to that host's /proc)`
  const unreadable = (reason: string, cause?: unknown) =>
    new PodpidError(`cannot read the processes of pod '${pod.name}': ${reason}; ${advice}`, ExitCode.procUnavailable, {cause})

  let namespace: string
  let cgroup: string
  try {
    namespace = readlinkSync(`${root}/${hostPid}/ns/pid`)
    cgroup = readFileSync(`${root}/${hostPid}/cgroup`, 'utf8')
  } catch (error) {
    // The infra may have exited since it was inspected; that is not a /proc problem.
    const details = await engine.inspectContainer(infraId)
    if (!details.running || details.pid !== hostPid) throw infraNotRunning(pod, details.state)
    throw unreadable(`${root}/${hostPid} is not readable (${(error as NodeJS.ErrnoException).code ?? error})`, error)
  }

  if (parseCgroupContainerId(cgroup) !== infraId) {
    throw unreadable(`${root}/${hostPid} is not the infra container's process, so this is not the engine's host`)
  }

  return namespace
}

/**
 * Reads every process in a PID namespace from a /proc tree and attributes each to a container by its cgroup.
 * Users are left as numeric IDs for the caller to resolve.
 */
export function readNamespaceProcesses(root: string, namespace: string, containerNames: Map<string, string>): PodProcess[] {
  const uptime = parseUptime(readFileSync(`${root}/uptime`, 'utf8'))
  const raw: RawProcess[] = []

  for (const entry of readdirSync(root)) {
    if (!/^\d+$/.test(entry)) continue
    const process = readProcess(root, Number(entry), namespace)
    if (process) raw.push(process)
  }

  const podPidOf = new Map(raw.map((process) => [process.hostPid, process.pid]))
  const byHostPid = new Map(raw.map((process) => [process.hostPid, process]))
  const containerOf = (process: RawProcess): string => {
    // A zombie has left its cgroup, so it belongs where its parent is; follow the parents until one is known.
    for (let current: RawProcess | undefined = process; current; current = byHostPid.get(current.hostPpid)) {
      if (current.containerId) return containerNames.get(current.containerId) ?? current.containerId.slice(0, 12)
      if (current.hostPpid === current.hostPid) break
    }

    return ''
  }

  const processes = raw.map(
    (process): PodProcess => ({
      pid: process.pid,
      hostPid: process.hostPid,
      ppid: podPidOf.get(process.hostPpid) ?? 0,
      state: process.state,
      container: containerOf(process),
      uid: process.uid,
      user: String(process.uid),
      command: process.comm,
      args: process.args,
      elapsedSeconds: Math.max(0, Math.floor(uptime - process.startTicks / CLOCK_TICKS_PER_SECOND)),
      startTicks: process.startTicks,
    }),
  )

  return processes.sort((a, b) => a.pid - b.pid)
}

/**
 * Reads one process, or returns undefined when it is in another PID namespace or has exited while being read. The
 * latter is safe to skip, because a process that is gone cannot be shown, signalled or reaped any more.
 */
function readProcess(root: string, hostPid: number, namespace: string): RawProcess | undefined {
  const dir = `${root}/${hostPid}`
  try {
    if (readlinkSync(`${dir}/ns/pid`) !== namespace) return undefined
    const stat = parseStat(readFileSync(`${dir}/stat`, 'utf8'))
    const status = parseStatus(readFileSync(`${dir}/status`, 'utf8'))
    const args = parseCmdline(readFileSync(`${dir}/cmdline`, 'utf8'))
    const cgroup = readFileSync(`${dir}/cgroup`, 'utf8')
    // The PID may have been reused by a process of another namespace while its files were read.
    if (readlinkSync(`${dir}/ns/pid`) !== namespace) return undefined

    return {
      hostPid,
      hostPpid: stat.ppid,
      pid: status.nsPids.at(-1) ?? hostPid,
      state: stat.state,
      comm: stat.comm,
      uid: status.uid,
      args,
      startTicks: stat.startTicks,
      containerId: parseCgroupContainerId(cgroup),
    }
  } catch (error) {
    // ENOENT and ESRCH: the process exited. A zombie's pid link stays readable (seen on Linux 6.18), but other
    // errors, such as EACCES without root, mean the process cannot be read and is left out.
    debug('skipping %s: %s', dir, (error as NodeJS.ErrnoException).code ?? error)
    return undefined
  }
}

/**
 * Checks that podpid may send a signal to a host PID that it read from `root`: that /proc must be of podpid's own
 * PID namespace, which PODPID_PROC_ROOT may not be. Whether the PID is still the same process is for
 * `hasExited` to tell.
 */
export function checkHostSignalTarget(root: string, process: PodProcess): void {
  let self: string
  try {
    self = readlinkSync(`${root}/self`)
  } catch {
    self = ''
  }

  if (self !== String(globalThis.process.pid)) {
    throw new PodpidError(
      `cannot signal host PID ${process.hostPid} from here: ${root} is not the /proc of podpid's own PID namespace; send the signal with --from CONTAINER`,
      ExitCode.procUnavailable,
    )
  }
}

/** Tells whether a process read earlier has exited since: its PID is gone, or now belongs to a later process. */
export function hasExited(root: string, process: PodProcess): boolean {
  return readStartTicks(root, process.hostPid) !== process.startTicks
}

/** Returns the signal masks of a host process, or undefined when it has exited. */
export function readSignalMasks(root: string, hostPid: number): StatusFields | undefined {
  try {
    return parseStatus(readFileSync(`${root}/${hostPid}/status`, 'utf8'))
  } catch {
    return undefined
  }
}

function readStartTicks(root: string, hostPid: number): number | undefined {
  try {
    return parseStat(readFileSync(`${root}/${hostPid}/stat`, 'utf8')).startTicks
  } catch {
    return undefined
  }
}
