import {afterAll, describe, expect, it} from 'vitest'
import {BUSYBOX, OFFLINE, docker, podVolumes, podpid, removePods, uniqueName} from './helpers.js'

const FIRST = uniqueName('e2e-vol-first')
const SECOND = uniqueName('e2e-vol-second')
const SHARED = `${FIRST}-shared`
const OWN = uniqueName('e2e-vol-own')

const volumeExists = async (name: string) =>
  docker
    .getVolume(name)
    .inspect()
    .then(() => true)
    .catch(() => false)

const runWith = (pod: string, volume: string) =>
  podpid(['run', pod, '-c', `app=${BUSYBOX}`, '--cmd', 'app=sleep 3600', '--volume', `app=${volume}:/data`, ...OFFLINE])

describe('pod volumes', () => {
  afterAll(async () => {
    await removePods(FIRST, SECOND)
    for (const name of [SHARED, OWN]) await docker.getVolume(name).remove().catch(() => undefined)
  })

  it('shared volume outlives its creator', async () => {
    expect((await runWith(FIRST, SHARED)).exitCode).toBe(0)
    expect((await runWith(SECOND, SHARED)).exitCode).toBe(0)
    expect(await podVolumes(FIRST)).toEqual([SHARED])

    const first = await podpid(['rm', FIRST, '--time', '0'])
    expect(first.exitCode).toBe(0)
    expect(first.stderr).toBe(`Kept volume ${SHARED} of pod ${FIRST}: another pod still mounts it, so the last pod to mount it removes it`)
    expect(await volumeExists(SHARED)).toBe(true)

    const second = await podpid(['rm', SECOND, '--time', '0'])
    expect(second.exitCode).toBe(0)
    expect(second.stdout).toBe(`Removed pod ${SECOND} (infra, app), volumes ${SHARED}`)
    expect(await volumeExists(SHARED)).toBe(false)
  })

  it('pods removed together free it', async () => {
    expect((await runWith(FIRST, SHARED)).exitCode).toBe(0)
    expect((await runWith(SECOND, SHARED)).exitCode).toBe(0)

    const rm = await podpid(['rm', FIRST, SECOND, '--time', '0'])
    expect(rm.exitCode).toBe(0)
    expect(rm.stderr).toBe('')
    expect(await volumeExists(SHARED)).toBe(false)
  })

  it('volume made before the pod stays', async () => {
    await docker.createVolume({Name: OWN})
    expect((await runWith(FIRST, OWN)).exitCode).toBe(0)

    const rm = await podpid(['rm', FIRST, '--time', '0'])
    expect(rm.stdout).toBe(`Removed pod ${FIRST} (infra, app)`)
    expect(await volumeExists(OWN)).toBe(true)
  })
})
