import createDebug from 'debug'
import type {PodEngine} from './engine.js'
import {engineMessage, engineStatusCode} from './errors.js'
import {Label} from './labels.js'
import type {Pod} from './pod.js'

const debug = createDebug('podpid:rm')

export interface RemoveResult {
  pod: string
  containers: string[]
  volumes: string[]
  /** Volumes that could not be removed, with the engine's reason, such as a container of another pod using them. */
  keptVolumes: {name: string; reason: string}[]
}

/**
 * Stops a pod's members, then its infra, giving each `timeoutSeconds` to exit after TERM before KILL, then removes
 * its containers and the volumes that the pod created. The members stop first so that none is killed by the
 * infra's exit before it could shut down cleanly.
 */
export async function removePod(engine: PodEngine, pod: Pod, timeoutSeconds: number): Promise<RemoveResult> {
  const members = pod.containers.filter((container) => container.role === 'member')
  const infra = pod.containers.filter((container) => container.role === 'infra')

  await Promise.all(members.map((member) => stopQuietly(engine, member.id, timeoutSeconds)))
  await Promise.all(infra.map((container) => stopQuietly(engine, container.id, timeoutSeconds)))

  for (const container of [...members, ...infra]) {
    try {
      await engine.removeContainer(container.id)
    } catch (error) {
      // Already gone: another rm, or the engine's own auto-removal, got there first.
      if (engineStatusCode(error) !== 404) throw error
    }
  }

  const volumes: string[] = []
  const keptVolumes: RemoveResult['keptVolumes'] = []
  for (const name of await engine.listVolumes([`${Label.pod}=${pod.name}`])) {
    try {
      await engine.removeVolume(name)
      volumes.push(name)
    } catch (error) {
      if (engineStatusCode(error) === 404) continue
      keptVolumes.push({name, reason: engineMessage(error)})
    }
  }

  return {pod: pod.name, containers: pod.containers.map((container) => container.name), volumes, keptVolumes}
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
