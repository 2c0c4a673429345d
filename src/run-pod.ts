import {setTimeout as sleep} from 'node:timers/promises'
import createDebug from 'debug'
import type {ContainerSpec, PodEngine} from './engine.js'
import {ExitCode, PodpidError, engineMessage, engineStatusCode} from './errors.js'
import {ensureInfraImage} from './images.js'
import {INFRA_NAME, Label, type Role} from './labels.js'
import {engineContainerName} from './names.js'
import {findPod} from './pod.js'
import {VERSION} from './version.js'

const debug = createDebug('podpid:run')

export const PULL_POLICIES = ['missing', 'always', 'never'] as const
export type PullPolicy = (typeof PULL_POLICIES)[number]

export const NETWORK_MODES = ['none', 'bridge', 'host'] as const
export type NetworkMode = (typeof NETWORK_MODES)[number]

export interface MemberSpec {
  name: string
  image: string
  /** Command and arguments; the image's own command when absent. */
  cmd?: string[]
  /** `KEY=VALUE` pairs. */
  env: string[]
  /** `SOURCE:TARGET[:ro]`, where SOURCE is a volume name or an absolute host path. */
  volumes: string[]
}

export interface PodSpec {
  name: string
  members: MemberSpec[]
  network: NetworkMode
  /** An image whose entrypoint pauses and, ideally, reaps orphans; podpid builds its own when absent. */
  infraImage?: string
  pull: PullPolicy
}

export interface CreatedContainer {
  name: string
  role: Role
  id: string
  image: string
}

export interface RunResult {
  pod: string
  containers: CreatedContainer[]
  /** Volumes that the pod created and that `rm` removes with it. */
  volumes: string[]
}

export interface RunReporter {
  /** Receives pull progress lines and step messages, meant for stderr. */
  progress(line: string): void
}

/** Containers and volumes that a run has created so far, to remove again when it fails. */
interface Created {
  containers: string[]
  volumes: string[]
  /** Throws when the run was interrupted; called before each step that creates or starts something. */
  checkInterrupted: () => void
}

/**
 * Creates a pod and starts it: the infra container first, which owns the PID, network and IPC namespaces, then
 * every member joined to them, started in parallel. Returns once all containers run. When any step fails, it
 * removes every container and volume that it created, then throws. An abort of `signal`, such as Ctrl-C, fails
 * the run the same way at its next step.
 */
export async function runPod(engine: PodEngine, spec: PodSpec, reporter: RunReporter, signal?: AbortSignal): Promise<RunResult> {
  const checkInterrupted = (): void => {
    if (!signal?.aborted) return
    throw new PodpidError(`run of pod '${spec.name}' was interrupted, so it removed what it had created`, ExitCode.interrupted)
  }

  if (await findPod(engine, spec.name)) {
    throw new PodpidError(
      `pod '${spec.name}' already exists: remove it with 'podpid rm ${spec.name}' or choose another name`,
      ExitCode.conflict,
    )
  }

  let infraImage: string
  try {
    infraImage = spec.infraImage
      ? await ensureImage(engine, spec.infraImage, spec.pull, reporter, signal)
      : await ensureInfraImage(engine)
    for (const image of new Set(spec.members.map((member) => member.image))) {
      checkInterrupted()
      await ensureImage(engine, image, spec.pull, reporter, signal)
    }
  } catch (error) {
    // An aborted pull fails with the engine's own message, so report the interruption instead.
    checkInterrupted()
    throw error
  }

  const created: Created = {containers: [], volumes: [], checkInterrupted}
  try {
    return await createAndStart(engine, spec, infraImage, created)
  } catch (error) {
    const leftovers = await rollBack(engine, spec.name, created)
    if (leftovers.length === 0 || !(error instanceof PodpidError)) throw error
    throw new PodpidError(
      `${error.message}. Roll-back failed to remove ${leftovers.join(', ')}: run 'podpid rm ${spec.name}'`,
      error.exitCode,
      {cause: error},
    )
  }
}

/**
 * Runs one operation per item and waits for all of them to settle, then throws the first failure. Unlike
 * Promise.all, it never leaves an operation running after a failure, so a roll-back finds everything created.
 */
async function settleAll<T, R>(items: readonly T[], operation: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const outcomes = await Promise.allSettled(items.map(operation))
  const failure = outcomes.find((outcome) => outcome.status === 'rejected')
  if (failure) throw failure.reason
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<R>).value)
}

async function createAndStart(engine: PodEngine, spec: PodSpec, infraImage: string, created: Created): Promise<RunResult> {
  const labels = (role: Role, container: string, index: number): Record<string, string> => ({
    [Label.pod]: spec.name,
    [Label.role]: role,
    [Label.container]: container,
    [Label.index]: String(index),
    [Label.version]: VERSION,
  })

  for (const member of spec.members) {
    for (const volume of member.volumes) await ensureVolume(engine, spec.name, volume, created)
  }

  const infraName = engineContainerName(spec.name, INFRA_NAME)
  const infraId = await create(engine, spec.name, INFRA_NAME, created, {
    name: infraName,
    image: infraImage,
    labels: labels('infra', INFRA_NAME, 0),
    networkMode: spec.network,
    ipcMode: 'shareable',
    // Docker rejects a hostname for a container on the host's network.
    hostname: spec.network === 'host' ? undefined : spec.name,
  })
  created.checkInterrupted()
  await start(engine, spec.name, INFRA_NAME, infraId)

  const joined = `container:${infraId}`
  const memberIds = await settleAll(spec.members, (member, position) =>
      create(engine, spec.name, member.name, created, {
        name: engineContainerName(spec.name, member.name),
        image: member.image,
        cmd: member.cmd,
        env: member.env,
        binds: member.volumes,
        labels: labels('member', member.name, position + 1),
        networkMode: joined,
        pidMode: joined,
        ipcMode: joined,
      }),
  )
  created.checkInterrupted()
  await settleAll(spec.members, (member, position) => start(engine, spec.name, member.name, memberIds[position] as string))
  created.checkInterrupted()

  // A command that fails at once, such as `false`, is often still running when its start call returns.
  await sleep(START_GRACE_MS)
  await settleAll(spec.members, (member, position) => checkRunning(engine, spec.name, member.name, memberIds[position] as string))
  await checkRunning(engine, spec.name, INFRA_NAME, infraId)
  created.checkInterrupted()

  return {
    pod: spec.name,
    containers: [
      {name: INFRA_NAME, role: 'infra', id: infraId, image: infraImage},
      ...spec.members.map((member, position) => ({
        name: member.name,
        role: 'member' as const,
        id: memberIds[position] as string,
        image: member.image,
      })),
    ],
    volumes: created.volumes,
  }
}

async function create(
  engine: PodEngine,
  pod: string,
  container: string,
  created: Created,
  spec: ContainerSpec,
): Promise<string> {
  created.checkInterrupted()
  try {
    const id = await engine.createContainer(spec)
    created.containers.push(id)
    return id
  } catch (error) {
    if (error instanceof PodpidError) throw error
    if (engineStatusCode(error) === 409) {
      throw new PodpidError(
        `cannot create container '${container}' of pod '${pod}': the name ${spec.name} is already in use by another container; remove or rename it`,
        ExitCode.conflict,
        {cause: error},
      )
    }

    throw new PodpidError(
      `cannot create container '${container}' of pod '${pod}': ${engineMessage(error)}`,
      ExitCode.startFailed,
      {cause: error},
    )
  }
}

/**
 * How long `run` waits after the last start before it checks once more that every container runs.
 * NOTE: this is a heuristic. A command that exits later than this after its start still passes, and `podpid ls`
 * then shows its container as exited.
 */
const START_GRACE_MS = 500

/** Starts a container and checks that it still runs. */
async function start(engine: PodEngine, pod: string, container: string, id: string): Promise<void> {
  try {
    await engine.startContainer(id)
  } catch (error) {
    if (error instanceof PodpidError) throw error
    throw new PodpidError(
      `cannot start container '${container}' of pod '${pod}': ${engineMessage(error)}`,
      ExitCode.startFailed,
      {cause: error},
    )
  }

  await checkRunning(engine, pod, container, id)
}

async function checkRunning(engine: PodEngine, pod: string, container: string, id: string): Promise<void> {
  const details = await engine.inspectContainer(id)
  if (details.running) return
  throw new PodpidError(
    `container '${container}' of pod '${pod}' exited with code ${details.exitCode} as soon as it started: ` +
      `check its command and image`,
    ExitCode.startFailed,
  )
}

/**
 * Pulls the image according to the policy: `missing` pulls only when no local image has that reference, `always` pulls
 * every time, `never` only checks that a local image exists.
 */
async function ensureImage(
  engine: PodEngine,
  image: string,
  policy: PullPolicy,
  reporter: RunReporter,
  signal?: AbortSignal,
): Promise<string> {
  if (policy !== 'always' && (await imageExists(engine, image))) return image

  if (policy === 'never') {
    throw new PodpidError(
      `image '${image}' not found locally and --pull is never: build or load it first, or pass --pull missing`,
      ExitCode.notFound,
    )
  }

  reporter.progress(`Pulling ${image}`)
  try {
    await engine.pullImage(image, (line) => reporter.progress(line), signal)
  } catch (error) {
    if (error instanceof PodpidError) throw error

    throw new PodpidError(`cannot pull image '${image}': ${engineMessage(error)}`, ExitCode.notFound, {cause: error})
  }

  return image
}

async function imageExists(engine: PodEngine, image: string): Promise<boolean> {
  try {
    return await engine.imageExists(image)
  } catch (error) {
    if (engineStatusCode(error) !== 400) throw error
    throw new PodpidError(`invalid image '${image}': ${engineMessage(error)}`, ExitCode.usage, {cause: error})
  }
}

/** Creates the named volume of a mount, labelled with the pod, unless it exists; host paths need nothing. */
async function ensureVolume(engine: PodEngine, pod: string, mount: string, created: Created): Promise<void> {
  const source = mount.split(':')[0] as string
  if (source.startsWith('/') || created.volumes.includes(source)) return
  if (await engine.volumeExists(source)) return

  await engine.createVolume(source, {[Label.pod]: pod, [Label.version]: VERSION})
  created.volumes.push(source)
}

/** Removes what a failed run created, members before the infra, and returns what it could not remove. */
async function rollBack(engine: PodEngine, pod: string, created: Created): Promise<string[]> {
  debug('rolling back pod %s: %d containers, %d volumes', pod, created.containers.length, created.volumes.length)
  const leftovers: string[] = []
  for (const id of [...created.containers].reverse()) {
    try {
      await engine.removeContainer(id)
    } catch (error) {
      debug('roll back: remove %s failed: %O', id, error)
      if (engineStatusCode(error) !== 404) leftovers.push(`container ${id.slice(0, 12)}`)
    }
  }

  for (const volume of created.volumes) {
    try {
      await engine.removeVolume(volume)
    } catch (error) {
      debug('roll back: remove volume %s failed: %O', volume, error)
      if (engineStatusCode(error) !== 404) leftovers.push(`volume ${volume}`)
    }
  }

  return leftovers
}
