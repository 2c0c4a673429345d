import type {ContainerSummary, PodEngine} from './engine.js'
import {ExitCode, PodpidError} from './errors.js'
import {INFRA_NAME, Label, type Role} from './labels.js'
import {validateName} from './names.js'

export interface PodContainer {
  /** Name inside the pod; `infra` for the infra container. */
  name: string
  role: Role
  index: number
  id: string
  /** The engine's container name. */
  engineName: string
  image: string
  state: string
  status: string
  /** Names of the named volumes that the container mounts. */
  volumes: string[]
}

export interface Pod {
  name: string
  /** Containers in creation order, the infra first. */
  containers: PodContainer[]
}

/**
 * The pod's overall state: Running when every container runs, Exited when none does, Degraded in between, and
 * Created when none has started yet.
 */
export type PodState = 'Running' | 'Degraded' | 'Exited' | 'Created'

export function podState(pod: Pod): PodState {
  const running = pod.containers.filter((container) => container.state === 'running').length
  if (running === pod.containers.length) return 'Running'
  if (running > 0) return 'Degraded'
  if (pod.containers.every((container) => container.state === 'created')) return 'Created'
  return 'Exited'
}

function toPodContainer(summary: ContainerSummary): PodContainer {
  const role: Role = summary.labels[Label.role] === 'infra' ? 'infra' : 'member'
  return {
    name: role === 'infra' ? INFRA_NAME : summary.labels[Label.container] ?? summary.name,
    role,
    index: Number(summary.labels[Label.index] ?? 0),
    id: summary.id,
    engineName: summary.name,
    image: summary.image,
    state: summary.state,
    status: summary.status,
    volumes: summary.volumes,
  }
}

/** Groups containers that carry a pod label into pods, sorted by name. */
export function groupPods(summaries: readonly ContainerSummary[]): Pod[] {
  const pods = new Map<string, Pod>()
  for (const summary of summaries) {
    const name = summary.labels[Label.pod]
    if (!name) continue
    const pod = pods.get(name) ?? {name, containers: []}
    pod.containers.push(toPodContainer(summary))
    pods.set(name, pod)
  }

  for (const pod of pods.values()) pod.containers.sort((a, b) => a.index - b.index)
  return [...pods.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** Lists every pod on the engine. */
export async function listPods(engine: PodEngine): Promise<Pod[]> {
  return groupPods(await engine.listContainers([Label.pod]))
}

/** Looks up one pod by name, or returns undefined when no container carries its label. */
export async function findPod(engine: PodEngine, name: string): Promise<Pod | undefined> {
  return groupPods(await engine.listContainers([`${Label.pod}=${name}`]))[0]
}

/** Looks up one pod by name and fails with a not-found error that lists what exists. */
export async function getPod(engine: PodEngine, name: string): Promise<Pod> {
  validateName('pod', name)
  const pod = await findPod(engine, name)
  if (pod) return pod
  throw new PodpidError(`pod '${name}' not found: run 'podpid ls' to see the pods`, ExitCode.notFound)
}

/** Returns the pod's container of the given name, or fails with a not-found error that lists the containers. */
export function podContainer(pod: Pod, name: string): PodContainer {
  validateName('container', name)
  const container = pod.containers.find((candidate) => candidate.name === name)
  if (container) return container
  throw new PodpidError(
    `container '${name}' not found in pod '${pod.name}': its containers are ${pod.containers.map((c) => c.name).join(', ')}`,
    ExitCode.notFound,
  )
}

/** Returns the pod's infra container, or fails when the pod has lost it (a pod half made or half removed). */
export function podInfra(pod: Pod): PodContainer {
  const infra = pod.containers.find((container) => container.role === 'infra')
  if (infra) return infra
  throw new PodpidError(
    `pod '${pod.name}' has no infra container, so its namespaces are gone: remove it with 'podpid rm ${pod.name}'`,
    ExitCode.notFound,
  )
}
