import {displayCommand, type PodProcess} from './proc/process.js'

/**
 * Verdict on why a zombie is still there.
 * - `parent-not-waiting`: its parent is a live process of a member that does not wait for its children; that
 *   parent is the culprit.
 * - `infra-not-reaping`: its parent is the infra's PID 1 and the zombie outlasted the settle time, so the infra
 *   does not reap orphans.
 * - `reap-pending`: the zombie should go soon. Either its parent is the infra's PID 1 and it was seen in one scan
 *   only, or its parent has just exited. Or its parent is outside the pod, because the zombie is a member's main
 *   process or a `docker exec` process, and the engine's shim reaps it.
 */
export type ZombieVerdict = 'parent-not-waiting' | 'infra-not-reaping' | 'reap-pending'

export interface ZombieParent {
  pid: number
  command: string
  container: string
}

export interface Zombie {
  pid: number
  hostPid: number
  ppid: number
  container: string
  command: string
  parent: ZombieParent | null
  verdict: ZombieVerdict
}

/** Identity of a process across scans: a PID can be reused, but not together with the same start time. */
function processKey(process: PodProcess): string {
  return `${process.hostPid}@${process.startTicks}`
}

/**
 * Keeps the processes of the later scan that are zombies in both scans, so that zombies reaped in the meantime
 * are not reported.
 */
export function settledZombies(first: readonly PodProcess[], second: readonly PodProcess[]): PodProcess[] {
  const earlier = new Set(first.filter((process) => process.state === 'Z').map(processKey))
  return second.filter((process) => process.state === 'Z' && earlier.has(processKey(process)))
}

/**
 * Finds the zombies among a pod's processes and gives each a verdict. `candidates` are the zombies to judge (all
 * zombies of `processes`, or the settled ones); `settled` is true when they outlasted a settle time.
 */
export function judgeZombies(processes: readonly PodProcess[], candidates: readonly PodProcess[], settled: boolean): Zombie[] {
  const byPid = new Map(processes.map((process) => [process.pid, process]))

  return candidates
    .filter((process) => process.state === 'Z')
    .sort((a, b) => a.pid - b.pid)
    .map((zombie) => {
      const parent = byPid.get(zombie.ppid)
      const parentIsInfra = zombie.ppid === 1
      let verdict: ZombieVerdict
      if (parent && !parentIsInfra && parent.state !== 'Z') verdict = 'parent-not-waiting'
      else if (parentIsInfra && settled) verdict = 'infra-not-reaping'
      else verdict = 'reap-pending'

      return {
        pid: zombie.pid,
        hostPid: zombie.hostPid,
        ppid: zombie.ppid,
        container: zombie.container,
        command: zombie.command,
        parent: parent ? {pid: parent.pid, command: displayCommand(parent), container: parent.container} : null,
        verdict,
      }
    })
}

/** Explains a verdict in one sentence that names the process to fix. */
export function explainVerdict(zombie: Zombie): string {
  const parent = zombie.parent
  switch (zombie.verdict) {
    case 'parent-not-waiting':
      return `PID ${parent?.pid} (${parent?.command}) in ${parent?.container} does not wait for its children: fix it to reap them, or run it under an init such as tini`
    case 'infra-not-reaping':
      return `the infra's PID 1 (${parent?.command ?? 'unknown'}) does not reap orphans: run the pod with a reaping infra image, such as podpid's default (catatonit -P)`
    case 'reap-pending':
      if (zombie.ppid === 1) return `orphan waiting for the infra's PID 1 to reap it: normal for a moment; rerun with --settle to confirm`
      if (zombie.ppid === 0) return `its parent is outside the pod (the engine's shim), which reaps it`
      return `its parent PID ${zombie.ppid} has exited; the infra's PID 1 will inherit and reap it`
  }
}
