// Runs the built CLI as a user does, and reaches the engine directly only to set up or inspect what a test needs
// beyond podpid's own commands (foreign containers, leftovers). Exec in a container goes through podpid's own
// DockerEngine.
import {setTimeout as sleep} from 'node:timers/promises'
import Docker from 'dockerode'
import {execa} from 'execa'
import {DockerEngine, type ExecResult} from '../../src/engine.js'
import {Label} from '../../src/labels.js'

export const BUSYBOX = 'podpid-busybox:test'
export const SLEEPING_INFRA = 'podpid-busybox-sleep:test'

const BIN = new URL('../../bin/run.js', import.meta.url).pathname

export interface CliResult {
  stdout: string
  stderr: string
  exitCode: number
}

/** Runs `podpid ARGS` with stable output: no colour, a wide terminal, and the caller's extra environment. */
export async function podpid(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const result = await execa('node', [BIN, ...args], {
    reject: false,
    env: {NO_COLOR: '1', COLUMNS: '200', ...env},
    stdin: 'ignore',
  })
  return {stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1}
}

/** Runs `podpid ARGS --json` and parses its stdout. */
export async function podpidJson<T>(args: string[]): Promise<{data: T; exitCode: number; stderr: string}> {
  const result = await podpid([...args, '--json'])
  return {data: JSON.parse(result.stdout) as T, exitCode: result.exitCode, stderr: result.stderr}
}

/**
 * Returns a pod or volume name unique to this test run, so that runs from two checkouts on one engine do not
 * remove each other's pods.
 */
export function uniqueName(base: string): string {
  return `${base}-${RUN_ID}`
}

const RUN_ID = Math.random().toString(16).slice(2, 8)

/** Options every test pod gets: no network, and images from the local engine only. */
export const OFFLINE = ['--network', 'none', '--pull', 'never']

export const docker = new Docker()

/** Returns the engine's containers that carry the pod's label, stopped ones included. */
export async function podContainers(pod: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({all: true, filters: {label: [`${Label.pod}=${pod}`]}})
}

/** Returns the volumes that carry the pod's label. */
export async function podVolumes(pod: string): Promise<string[]> {
  const {Volumes} = await docker.listVolumes({filters: {label: [`${Label.pod}=${pod}`]}})
  return (Volumes ?? []).map((volume) => volume.Name)
}

const engine = new DockerEngine()

/** Runs a command in a running container, found by its engine name, through podpid's own DockerEngine.exec. */
export async function execIn(containerName: string, cmd: string[]): Promise<ExecResult> {
  const {Id: id} = await docker.getContainer(containerName).inspect()
  return engine.exec(id, cmd)
}

/** Polls until the check returns a value that is not undefined, or fails after the timeout. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(250)
  }
}

/** Removes test pods whatever state they are in; used in afterEach/afterAll so no test leaves containers behind. */
export async function removePods(...pods: string[]): Promise<void> {
  for (const pod of pods) {
    for (const container of await podContainers(pod)) {
      await docker.getContainer(container.Id).remove({force: true}).catch(() => undefined)
    }

    for (const volume of await podVolumes(pod)) await docker.getVolume(volume).remove().catch(() => undefined)
  }
}

export type {PodProcess as PsProcess} from '../../src/proc/process.js'
export type {Zombie as ZombieReport} from '../../src/zombies.js'
