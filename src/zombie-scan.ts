import {setTimeout as sleep} from 'node:timers/promises'
import type {PodEngine} from './engine.js'
import type {Pod} from './pod.js'
import {snapshotPod} from './proc/snapshot.js'
import {judgeZombies, settledZombies, type Zombie} from './zombies.js'

/**
 * Finds a pod's zombies and judges them. With a settle time, the pod is scanned again that long after the first
 * scan, and only zombies present in both scans are kept. The second scan is skipped when the first finds none.
 */
export async function scanZombies(engine: PodEngine, pod: Pod, settleMilliseconds: number): Promise<Zombie[]> {
  let processes = await snapshotPod(engine, pod)
  let candidates = processes.filter((process) => process.state === 'Z')
  const settled = settleMilliseconds > 0
  if (settled && candidates.length > 0) {
    await sleep(settleMilliseconds)
    const first = processes
    processes = await snapshotPod(engine, pod)
    candidates = settledZombies(first, processes)
  }

  return judgeZombies(processes, candidates, settled)
}
