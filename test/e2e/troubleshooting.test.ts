import {existsSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {BUSYBOX, OFFLINE, type PsProcess, podpid, podpidJson, removePods, uniqueName} from './helpers.js'

const POD = uniqueName('e2e-ps')

describe('ps across the pod', () => {
  let processes: PsProcess[] = []

  beforeAll(async () => {
    await removePods(POD)
    const run = await podpid([
      'run', POD,
      '-c', `app=${BUSYBOX}`, '-c', `sidecar=${BUSYBOX}`,
      // The app's shell stays as the parent of a worker, so the tree has a third level.
      '--cmd', "app=sh -c 'sleep 3600 & wait'", '--cmd', 'sidecar=sleep 3601',
      ...OFFLINE,
    ])
    expect(run.exitCode).toBe(0)

    const ps = await podpidJson<{pod: string; processes: PsProcess[]}>(['ps', POD])
    expect(ps.exitCode).toBe(0)
    expect(ps.data.pod).toBe(POD)
    processes = ps.data.processes
  })

  afterAll(() => removePods(POD))

  it('PID 1 is the infra pause process', () => {
    const init = processes.find((process) => process.pid === 1)
    expect(init?.container).toBe('infra')
    expect(init?.command).toBe('catatonit')
    expect(init?.args).toEqual(['/catatonit', '-P'])
    expect(init?.ppid).toBe(0)
  })

  it('member main processes have PPID 0', () => {
    const app = processes.find((process) => process.container === 'app' && process.command === 'sh')
    const sidecar = processes.find((process) => process.container === 'sidecar')
    expect(app?.ppid).toBe(0)
    expect(sidecar?.args).toEqual(['sleep', '3601'])
    expect(sidecar?.ppid).toBe(0)
  })

  it('children belong to their container', () => {
    const shell = processes.find((process) => process.container === 'app' && process.command === 'sh')
    const worker = processes.find((process) => process.args.join(' ') === 'sleep 3600')
    expect(worker?.container).toBe('app')
    expect(worker?.ppid).toBe(shell?.pid)
  })

  it('every process has a distinct host PID', () => {
    const hostPids = processes.map((process) => process.hostPid)
    expect(new Set(hostPids).size).toBe(processes.length)
    for (const hostPid of hostPids) expect(existsSync(`/proc/${hostPid}`)).toBe(true)
    expect(processes).toHaveLength(4)
  })

  it('tree shows members under PID 1', async () => {
    const ps = await podpid(['ps', POD])
    expect(ps.exitCode).toBe(0)
    const lines = ps.stdout.split('\n')
    expect(lines[0]).toMatch(/^PID\s+HOST PID\s+PPID\s+S\s+CONTAINER\s+USER\s+ELAPSED\s+COMMAND$/)
    const commandColumn = (lines[0] ?? '').indexOf('COMMAND')
    const commands = lines.slice(1).map((line) => line.slice(commandColumn))
    expect(commands).toEqual(['/catatonit -P', "├─ sh -c sleep 3600 & wait", '│  └─ sleep 3600', '└─ sleep 3601'])
  })

  it('flat listing is sorted by PID', async () => {
    const ps = await podpid(['ps', POD, '--flat'])
    expect(ps.exitCode).toBe(0)
    const pids = ps.stdout.split('\n').slice(1).map((line) => Number(line.split(/\s+/)[0]))
    expect(pids).toEqual(processes.map((process) => process.pid).sort((a, b) => a - b))
    expect(ps.stdout).not.toContain('├─')
  })

  it('container filter keeps its processes', async () => {
    const {data, exitCode} = await podpidJson<{processes: PsProcess[]}>(['ps', POD, '-c', 'app'])
    expect(exitCode).toBe(0)
    expect(data.processes.map((process) => process.container)).toEqual(['app', 'app'])
    expect(data.processes.map((process) => process.args.join(' ')).sort()).toEqual(['sh -c sleep 3600 & wait', 'sleep 3600'])
  })
})
