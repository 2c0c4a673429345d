import {describe, expect, it} from 'vitest'
import {parseCmdline, parseStat, parseStatus} from '../../src/proc/parse.js'
import type {PodProcess} from '../../src/proc/process.js'
import {explainVerdict, judgeZombies, settledZombies, type Zombie} from '../../src/zombies.js'
import {podProcess, readFixture} from './helpers.js'

describe('settledZombies', () => {
  const first = [
    podProcess({pid: 13, hostPid: 5013, startTicks: 100, state: 'Z'}),
    podProcess({pid: 20, hostPid: 5020, startTicks: 200, state: 'Z'}),
    podProcess({pid: 21, hostPid: 5021, startTicks: 210, state: 'Z'}),
    podProcess({pid: 22, hostPid: 5022, startTicks: 220, state: 'S'}),
  ]
  const second = [
    podProcess({pid: 13, hostPid: 5013, startTicks: 100, state: 'Z'}),
    // 20 was reaped, and a new process that took its PID became a zombie too.
    podProcess({pid: 20, hostPid: 5020, startTicks: 950, state: 'Z'}),
    podProcess({pid: 22, hostPid: 5022, startTicks: 220, state: 'Z'}),
    podProcess({pid: 23, hostPid: 5023, startTicks: 960, state: 'Z'}),
  ]
  const keptPids = settledZombies(first, second).map((process) => process.pid)

  it.each([
    {name: 'zombie in both scans', pid: 13, kept: true},
    {name: 'reused PID, new start', pid: 20, kept: false},
    {name: 'reaped before second scan', pid: 21, kept: false},
    {name: 'alive in first scan', pid: 22, kept: false},
    {name: 'new in second scan', pid: 23, kept: false},
  ])('settledZombies $name', ({pid, kept}) => {
    expect(keptPids.includes(pid)).toBe(kept)
  })

  it('settledZombies returns later scan', () => {
    expect(settledZombies(first, second)[0]).toBe(second[0])
  })

  it('settledZombies empty first scan', () => {
    expect(settledZombies([], second)).toEqual([])
  })
})

describe('judgeZombies', () => {
  const infra = podProcess({pid: 1, container: 'infra', command: 'catatonit', args: ['/catatonit', '-P']})
  const app = podProcess({pid: 7, command: 'sh', args: ['sh', '-c', 'sleep 1 & exec sleep 3600']})
  const processes = [
    infra,
    app,
    podProcess({pid: 13, ppid: 7, state: 'Z', command: 'sleep'}),
    podProcess({pid: 20, ppid: 1, state: 'Z', command: 'sleep'}),
    podProcess({pid: 25, ppid: 50, state: 'Z', command: 'sleep'}),
    podProcess({pid: 31, ppid: 13, state: 'Z', command: 'true'}),
  ]
  const zombies = processes.filter((process) => process.state === 'Z')
  const judge = (pid: number, settled: boolean): Zombie | undefined =>
    judgeZombies(processes, zombies, settled).find((zombie) => zombie.pid === pid)

  it.each([
    {name: 'live member parent', pid: 13, settled: false, verdict: 'parent-not-waiting'},
    {name: 'live member parent, settled', pid: 13, settled: true, verdict: 'parent-not-waiting'},
    {name: 'PID 1 parent, settled', pid: 20, settled: true, verdict: 'infra-not-reaping'},
    {name: 'PID 1 parent, unsettled', pid: 20, settled: false, verdict: 'reap-pending'},
    {name: 'missing parent', pid: 25, settled: true, verdict: 'reap-pending'},
    {name: 'zombie parent', pid: 31, settled: true, verdict: 'reap-pending'},
  ])('verdict for $name', ({pid, settled, verdict}) => {
    expect(judge(pid, settled)?.verdict).toBe(verdict)
  })

  it.each([
    {name: 'live member parent', pid: 13, parent: {pid: 7, command: 'sh -c sleep 1 & exec sleep 3600', container: 'app'}},
    {name: 'PID 1 parent', pid: 20, parent: {pid: 1, command: '/catatonit -P', container: 'infra'}},
    {name: 'missing parent', pid: 25, parent: null},
  ])('parent for $name', ({pid, parent}) => {
    expect(judge(pid, true)?.parent).toEqual(parent)
  })

  it('judges only zombies', () => {
    expect(judgeZombies(processes, processes, true).map((zombie) => zombie.pid)).toEqual([13, 20, 25, 31])
  })

  it('sorts zombies by pid', () => {
    expect(judgeZombies(processes, [...zombies].reverse(), true).map((zombie) => zombie.pid)).toEqual([13, 20, 25, 31])
  })
})

/** Reads a recorded process. Its PPID inside the pod comes from the recorded processes, or is 0 when outside. */
function recordedProcess(name: string, container: string, hostToPodPid: Map<number, number>): PodProcess {
  const stat = parseStat(readFixture(`proc/v1/${name}/stat`))
  const status = parseStatus(readFixture(`proc/v1/${name}/status`))
  return podProcess({
    pid: status.nsPids.at(-1) ?? 0,
    hostPid: stat.pid,
    ppid: hostToPodPid.get(stat.ppid) ?? 0,
    state: stat.state,
    container,
    command: stat.comm,
    args: parseCmdline(readFixture(`proc/v1/${name}/cmdline`)),
    startTicks: stat.startTicks,
  })
}

describe('judgeZombies on recorded pod', () => {
  const hostToPodPid = new Map<number, number>()
  for (const name of ['infra-pid1', 'app-main', 'zombie']) {
    const hostPid = parseStat(readFixture(`proc/v1/${name}/stat`)).pid
    hostToPodPid.set(hostPid, parseStatus(readFixture(`proc/v1/${name}/status`)).nsPids.at(-1) ?? 0)
  }

  const processes = [
    recordedProcess('infra-pid1', 'infra', hostToPodPid),
    recordedProcess('app-main', 'app', hostToPodPid),
    recordedProcess('zombie', 'app', hostToPodPid),
  ]
  const [zombie] = judgeZombies(processes, settledZombies(processes, processes), true)

  it.each([
    {name: 'pod PID', actual: () => zombie?.pid, expected: 13},
    {name: 'verdict', actual: () => zombie?.verdict, expected: 'parent-not-waiting'},
    {name: 'culprit PID', actual: () => zombie?.parent?.pid, expected: 7},
    {name: 'culprit command', actual: () => zombie?.parent?.command, expected: 'sleep 3600'},
  ])('recorded zombie $name', ({actual, expected}) => {
    expect(actual()).toBe(expected)
  })
})

describe('explainVerdict', () => {
  const zombie = (fields: Partial<Zombie>): Zombie => ({
    pid: 13,
    hostPid: 5013,
    ppid: 7,
    container: 'app',
    command: 'sleep',
    parent: {pid: 7, command: 'sh -c sleep 1 & exec sleep 3600', container: 'app'},
    verdict: 'parent-not-waiting',
    ...fields,
  })
  const notWaiting = explainVerdict(zombie({}))
  const infraNotReaping = explainVerdict(
    zombie({ppid: 1, verdict: 'infra-not-reaping', parent: {pid: 1, command: 'sleep infinity', container: 'infra'}}),
  )
  const orphanPending = explainVerdict(
    zombie({ppid: 1, verdict: 'reap-pending', parent: {pid: 1, command: '/catatonit -P', container: 'infra'}}),
  )
  const parentExited = explainVerdict(zombie({ppid: 50, verdict: 'reap-pending', parent: null}))

  it.each([
    {name: 'culprit PID', message: notWaiting, fragment: 'PID 7'},
    {name: 'culprit command', message: notWaiting, fragment: 'sh -c sleep 1 & exec sleep 3600'},
    {name: 'culprit container', message: notWaiting, fragment: 'in app'},
    {name: 'non-reaping infra command', message: infraNotReaping, fragment: 'sleep infinity'},
    {name: 'non-reaping infra PID 1', message: infraNotReaping, fragment: 'PID 1'},
    {name: 'pending orphan hint', message: orphanPending, fragment: '--settle'},
    {name: 'exited parent PID', message: parentExited, fragment: 'PID 50'},
  ])('explanation names $name', ({message, fragment}) => {
    expect(message).toContain(fragment)
  })

  // A member's main process has PPID 0 because its parent is the engine's shim, outside the pod. The shim reaps it,
  // so the pod's PID 1 never inherits it and there is no PID 0 to blame.
  describe('member main zombie', () => {
    const processes = [podProcess({pid: 1, container: 'infra'}), podProcess({pid: 9, ppid: 0, state: 'Z'})]
    const judged = judgeZombies(processes, processes, true)

    it('member main zombie judged', () => {
      expect(judged.map((zombie) => zombie.pid)).toEqual([9])
    })

    it('member main zombie verdict', () => {
      expect(judged[0]?.verdict).toBe('reap-pending')
    })

    it('member main zombie explanation', () => {
      const [memberMain] = judged
      expect(memberMain).toBeDefined()
      expect(explainVerdict(memberMain!)).toBe("its parent is outside the pod (the engine's shim), which reaps it")
    })
  })
})
