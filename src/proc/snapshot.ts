import {readFileSync, readdirSync, readlinkSync} from 'node:fs'
import createDebug from 'debug'
import type {PodEngine} from '../engine.js'
import {ExitCode, PodpidError} from '../errors.js'
import {podInfra, type Pod} from '../pod.js'
import {parseCgroupContainerId, parseCmdline, parsePasswd, parseStat, parseStatus, parseUptime} from './parse.js'
import type {PodProcess} from './process.js'

const debug = createDebug('podpid:proc')

/**
 * Clock ticks per second of /proc/PID/stat start times. NOTE: Linux fixes USER_HZ at 100 on every architecture
 * that Docker runs on; Node.js cannot call sysconf(_SC_CLK_TCK) to confirm it.
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
  if (!details.running || details.pid <= 0) {
    throw new PodpidError(
      `pod '${pod.name}' has no running infra container (${details.state}), so it has no processes: ` +
        `remove it with 'podpid rm ${pod.name}' and run it again`,
      ExitCode.notFound,
    )
  }

  const root = procRoot()
  const namespace = readPidNamespace(root, details.pid, infra.id, pod.name)
  return readNamespaceProcesses(root, namespace, new Map(pod.containers.map((container) => [container.id, container.name])))
}

/**
 * Returns the PID namespace of the infra's main process, after checking that this /proc is the engine's host:
 * the process must exist here and sit in the infra container's cgroup.
 */
function readPidNamespace(root: string, hostPid: number, infraId: string, pod: string): string {
  const unreadable = (reason: string, cause?: unknown) =>
    new PodpidError(
      `cannot read the processes of pod '${pod}': ${reason}; podpid reads /proc of the engine's host, so run it on ` +
        `the machine where dockerd runs, as root (or set PODPID_PROC_ROOT to that host's /proc)`,
      ExitCode.procUnavailable,
      {cause},
    )

  let namespace: string
  let cgroup: string
  try {
    namespace = readlinkSync(`${root}/${hostPid}/ns/pid`)
    cgroup = readFileSync(`${root}/${hostPid}/cgroup`, 'utf8')
  } catch (error) {
    throw unreadable(`${root}/${hostPid} is not readable (${(error as NodeJS.ErrnoException).code ?? error})`, error)
  }

  if (parseCgroupContainerId(cgroup) !== infraId) {
    throw unreadable(`${root}/${hostPid} is not the infra container's process, so this is not the engine's host`)
  }

  return namespace
}

function readNamespaceProcesses(root: string, namespace: string, containerNames: Map<string, string>): PodProcess[] {
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

  const usersByContainer = new Map<string, Map<number, string>>()
  const userOf = (process: RawProcess, container: string): string => {
    let users = usersByContainer.get(container)
    if (!users && process.state !== 'Z') {
      users = readUsers(root, process.hostPid)
      usersByContainer.set(container, users)
    }

    return users?.get(process.uid) ?? String(process.uid)
  }

  // Zombies are resolved last so that their containers' user tables come from live processes.
  const ordered = [...raw].sort((a, b) => Number(a.state === 'Z') - Number(b.state === 'Z'))
  const processes = ordered.map((process): PodProcess => {
    const container = containerOf(process)
    return {
      pid: process.pid,
      hostPid: process.hostPid,
      ppid: podPidOf.get(process.hostPpid) ?? 0,
      state: process.state,
      container,
      user: userOf(process, container),
      command: process.comm,
      args: process.args,
      elapsedSeconds: Math.max(0, Math.floor(uptime - process.startTicks / CLOCK_TICKS_PER_SECOND)),
      startTicks: process.startTicks,
    }
  })

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
    return {
      hostPid,
      hostPpid: stat.ppid,
      pid: status.nsPids.at(-1) ?? hostPid,
      state: stat.state,
      comm: stat.comm,
      uid: status.uid,
      args: parseCmdline(readFileSync(`${dir}/cmdline`, 'utf8')),
      startTicks: stat.startTicks,
      containerId: parseCgroupContainerId(readFileSync(`${dir}/cgroup`, 'utf8')),
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ESRCH') return undefined
    // A zombie's ns links can no longer be read (EINVAL/EACCES on some kernels); other errors mean no access.
    debug('skipping %s: %s', dir, code ?? error)
    return undefined
  }
}

/** Reads the users of a container through one of its processes' root directory; an image without passwd has none. */
function readUsers(root: string, hostPid: number): Map<number, string> {
  try {
    return parsePasswd(readFileSync(`${root}/${hostPid}/root/etc/passwd`, 'utf8'))
  } catch {
    return new Map()
  }
}
