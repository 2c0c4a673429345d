import {setTimeout as sleep} from 'node:timers/promises'
import {afterAll, describe, expect, it} from 'vitest'
import {BUSYBOX, OFFLINE, SLEEPING_INFRA, type PsProcess, type ZombieReport, podpid, podpidJson, removePods, uniqueName} from './helpers.js'

// The subshell exits at once, so its `sleep 1` is orphaned and reparented to the pod's PID 1.
const ORPHAN_MAKER = "app=sh -c '(sleep 1 &); exec sleep 3600'"
// The shell execs into sleep, which never waits, so the `sleep 1` child stays a zombie of a live parent.
const NEGLECTFUL_PARENT = "app=sh -c 'sleep 1 & exec sleep 3600'"

const REAPED = uniqueName('e2e-zombie-reaped')
const CULPRIT = uniqueName('e2e-zombie-culprit')
const NO_REAPER = uniqueName('e2e-zombie-noreaper')

type ZombiesJson = {pod: string; zombies: ZombieReport[]}

describe('zombies', () => {
  afterAll(() => removePods(REAPED, CULPRIT, NO_REAPER))

  it('infra reaps an orphan', async () => {
    await removePods(REAPED)
    expect((await podpid(['run', REAPED, '-c', `app=${BUSYBOX}`, '--cmd', ORPHAN_MAKER, ...OFFLINE])).exitCode).toBe(0)
    await sleep(2500)

    const zombies = await podpid(['zombies', REAPED])
    expect(zombies.stdout).toBe(`No zombies in pod ${REAPED}.`)
    expect(zombies.exitCode).toBe(0)

    const ps = await podpidJson<{processes: PsProcess[]}>(['ps', REAPED])
    expect(ps.data.processes.map((process) => process.state)).not.toContain('Z')
  })

  it('live parent is blamed', async () => {
    await removePods(CULPRIT)
    expect((await podpid(['run', CULPRIT, '-c', `app=${BUSYBOX}`, '-c', `sidecar=${BUSYBOX}`, '--cmd', NEGLECTFUL_PARENT, '--cmd', 'sidecar=sleep 3600', ...OFFLINE])).exitCode).toBe(0)
    await sleep(2000)

    const {data, exitCode} = await podpidJson<ZombiesJson>(['zombies', CULPRIT, '--settle', '500ms'])
    expect(exitCode).toBe(7)
    expect(data.pod).toBe(CULPRIT)
    expect(data.zombies).toHaveLength(1)

    const [zombie] = data.zombies
    expect(zombie?.container).toBe('app')
    expect(zombie?.verdict).toBe('parent-not-waiting')
    expect(zombie?.parent?.command).toBe('sleep 3600')
    expect(zombie?.parent?.container).toBe('app')
    expect(zombie?.ppid).toBe(zombie?.parent?.pid)
  })

  it('table names the culprit', async () => {
    const zombies = await podpid(['zombies', CULPRIT, '--settle', '0'])
    expect(zombies.exitCode).toBe(7)
    const lines = zombies.stdout.split('\n')
    expect(lines[0]).toMatch(/^PID\s+HOST PID\s+CONTAINER\s+PARENT\s+PARENT COMMAND\s+VERDICT$/)
    expect(lines[1]).toMatch(/^\d+\s+\d+\s+app\s+\d+ \(app\)\s+sleep 3600\s+parent-not-waiting$/)
    expect(lines.at(-1)).toMatch(/^zombie \d+: PID \d+ \(sleep 3600\) in app does not wait for its children/)
  })

  it('ps marks the zombie', async () => {
    const ps = await podpidJson<{processes: PsProcess[]}>(['ps', CULPRIT])
    const zombie = ps.data.processes.find((process) => process.state === 'Z')
    expect(zombie?.container).toBe('app')
    expect(zombie?.command).toBe('sleep')
    expect(zombie?.args).toEqual([])
  })

  it('non-reaping infra is reported', async () => {
    await removePods(NO_REAPER)
    const run = await podpid(['run', NO_REAPER, '-c', `app=${BUSYBOX}`, '--cmd', ORPHAN_MAKER, '--infra-image', SLEEPING_INFRA, ...OFFLINE])
    expect(run.exitCode).toBe(0)
    await sleep(2000)

    const once = await podpidJson<ZombiesJson>(['zombies', NO_REAPER, '--settle', '0'])
    expect(once.exitCode).toBe(7)
    expect(once.data.zombies.map((zombie) => zombie.verdict)).toEqual(['reap-pending'])

    const settled = await podpidJson<ZombiesJson>(['zombies', NO_REAPER, '--settle', '1s'])
    expect(settled.exitCode).toBe(7)
    expect(settled.data.zombies).toHaveLength(1)
    expect(settled.data.zombies[0]?.ppid).toBe(1)
    expect(settled.data.zombies[0]?.verdict).toBe('infra-not-reaping')
    expect(settled.data.zombies[0]?.parent?.container).toBe('infra')

    const text = await podpid(['zombies', NO_REAPER])
    expect(text.stdout).toContain("the infra's PID 1 (sleep 86400) does not reap orphans")
  })
})
