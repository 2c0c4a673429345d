// Runs the domain's runPod against the real engine, interrupting it at chosen steps, which a CLI test cannot time.
import {afterAll, describe, expect, it} from 'vitest'
import {DockerEngine} from '../../src/engine.js'
import {ExitCode, PodpidError} from '../../src/errors.js'
import {runPod, type PodSpec} from '../../src/run-pod.js'
import {BUSYBOX, podContainers, podVolumes, removePods, uniqueName} from '../e2e/helpers.js'

const POD = uniqueName('it-interrupt')

const spec: PodSpec = {
  name: POD,
  members: [
    {name: 'app', image: BUSYBOX, cmd: ['sleep', '3600'], env: [], volumes: [`${POD}-data:/data`]},
    {name: 'sidecar', image: BUSYBOX, cmd: ['sleep', '3600'], env: [], volumes: []},
  ],
  network: 'none',
  pull: 'never',
}

/** The real engine, which aborts the run right after the n-th container has started. */
class InterruptingEngine extends DockerEngine {
  private started = 0

  constructor(
    private readonly controller: AbortController,
    private readonly afterStarts: number,
  ) {
    super()
  }

  override async startContainer(id: string): Promise<void> {
    await super.startContainer(id)
    this.started++
    if (this.started === this.afterStarts) this.controller.abort()
  }
}

async function interruptedRun(engine: DockerEngine, signal: AbortSignal): Promise<unknown> {
  try {
    await runPod(engine, spec, {progress: () => undefined}, signal)
  } catch (error) {
    return error
  }

  throw new Error('runPod returned, but it was interrupted')
}

describe('run interrupted', () => {
  afterAll(() => removePods(POD))

  it.each([
    {name: 'before anything', afterStarts: 0},
    {name: 'after the infra starts', afterStarts: 1},
    {name: 'after every member starts', afterStarts: 3},
  ])('rolls back $name', async ({afterStarts}) => {
    await removePods(POD)
    const controller = new AbortController()
    if (afterStarts === 0) controller.abort()

    const error = await interruptedRun(new InterruptingEngine(controller, afterStarts), controller.signal)

    expect(error).toBeInstanceOf(PodpidError)
    expect((error as PodpidError).exitCode).toBe(ExitCode.interrupted)
    expect((error as PodpidError).message).toBe(`run of pod '${POD}' was interrupted, so it removed what it had created`)
    expect(await podContainers(POD)).toEqual([])
    expect(await podVolumes(POD)).toEqual([])
  })
})
