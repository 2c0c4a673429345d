import createDebug from 'debug'
import type {PodEngine} from './engine.js'
import {PodpidError, engineMessage, engineStatusCode} from './errors.js'
import {Label} from './labels.js'
import {findPod, listPods, type Pod} from './pod.js'
import {validateName} from './names.js'

const debug = createDebug('podpid:rm')

export interface RemoveResult {
  pod: string
  containers: string[]
  volumes: string[]
  /** Volumes that could not be removed, with the engine's reason, such as a container of another pod using them. */
  keptVolumes: {name: string; reason: string}[]
  /** Reason the pod could not be removed completely, if it could not. */
  error?: string
}

/**
 * Looks up the pods to remove: every pod with `all`, and each named one. Names that match no pod are returned
 * apart, so that the others are still removed.
 */
export async function resolvePods(engine: PodEngine, names: readonly string[], all: boolean): Promise<{pods: Pod[]; notFound: string[]}> {
  for (const name of names) validateName('pod', name)

  const pods = all ? await listPods(engine) : []
  const notFound: string[] = []
  for (const name of names) {
    if (pods.some((pod) => pod.name === name)) continue
    const pod = await findPod(engine, name)
    if (pod) pods.push(pod)
    else notFound.push(name)
  }

  return {pods, notFound}
}

/**
 * Stops a pod's members, then its infra, giving each `timeoutSeconds` to exit after TERM before KILL, then removes
 * its containers and the volumes that `removableVolumes` picks. The members stop first so that none is killed by
 * the infra's exit before it could shut down cleanly. An engine failure is returned in the result's `error`.
 */
export async function removePod(engine: PodEngine, pod: Pod, timeoutSeconds: number): Promise<RemoveResult> {
  try {
    return await removeContainersAndVolumes(engine, pod, timeoutSeconds)
  } catch (error) {
    if (error instanceof PodpidError) throw error
    debug('removing pod %s failed: %O', pod.name, error)
    const containers = pod.containers.map((container) => container.name)
    return {pod: pod.name, containers, volumes: [], keptVolumes: [], error: engineMessage(error)}
  }
}

async function removeContainersAndVolumes(engine: PodEngine, pod: Pod, timeoutSeconds: number): Promise<RemoveResult> {
  const members = pod.containers.filter((container) => container.role === 'member')
  const infra = pod.containers.filter((container) => container.role === 'infra')

  await Promise.all(members.map((member) => stopQuietly(engine, member.id, timeoutSeconds)))
  await Promise.all(infra.map((container) => stopQuietly(engine, container.id, timeoutSeconds)))

  for (const container of [...members, ...infra]) {
    try {
      await engine.removeContainer(container.id)
    } catch (error) {
      // 404: already gone. 409: another rm is removing it at this moment. Either way it is going.
      const status = engineStatusCode(error)
      if (status !== 404 && status !== 409) throw error
    }
  }

  const volumes: string[] = []
  const keptVolumes: RemoveResult['keptVolumes'] = []
  for (const name of await removableVolumes(engine, pod)) {
    try {
      await engine.removeVolume(name)
      volumes.push(name)
    } catch (error) {
      const status = engineStatusCode(error)
      if (status === 404) continue
      const reason = status === 409 ? 'another pod still mounts it, so the last pod to mount it removes it' : engineMessage(error)
      keptVolumes.push({name, reason})
    }
  }

  return {pod: pod.name, containers: pod.containers.map((container) => container.name), volumes, keptVolumes}
}

/**
 * Removes several pods in parallel. A volume that two of them share is still in use while the other is being
 * removed, so each volume kept for that reason is tried once more at the end.
 */
export async function removePods(engine: PodEngine, pods: readonly Pod[], timeoutSeconds: number): Promise<RemoveResult[]> {
  const results = await Promise.all(pods.map((pod) => removePod(engine, pod, timeoutSeconds)))
  if (results.length < 2) return results

  for (const result of results) {
    const stillKept: RemoveResult['keptVolumes'] = []
    for (const kept of result.keptVolumes) {
      try {
        await engine.removeVolume(kept.name)
        result.volumes.push(kept.name)
      } catch (error) {
        if (engineStatusCode(error) !== 404) stillKept.push(kept)
      }
    }

    result.keptVolumes = stillKept
  }

  return results
}

async function stopQuietly(engine: PodEngine, id: string, timeoutSeconds: number): Promise<void> {
  try {
    await engine.stopContainer(id, timeoutSeconds)
  } catch (error) {
    // 304: already stopped; 404: already removed. Removal below forces the rest.
    const status = engineStatusCode(error)
    if (status !== 304 && status !== 404) debug('stop %s failed, removal will force it: %O', id, error)
  }
}

/**
 * Returns the volumes to remove with a pod: those it created, and those it mounts that another pod created and
 * left behind when that pod was removed while this one still used them.
 */
async function removableVolumes(engine: PodEngine, pod: Pod): Promise<string[]> {
  const mounted = new Set(pod.containers.flatMap((container) => container.volumes))
  const names: string[] = []
  for (const volume of await engine.listVolumes([Label.pod])) {
    const owner = volume.labels[Label.pod]
    if (owner === pod.name) names.push(volume.name)
    else if (owner && mounted.has(volume.name) && !(await findPod(engine, owner))) names.push(volume.name)
  }

  return names
}
