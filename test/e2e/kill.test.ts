import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {BUSYBOX, OFFLINE, type PsProcess, podpid, podpidJson, removePods, waitFor, uniqueName} from './helpers.js'

const POD = uniqueName('e2e-kill')

type KillJson = {signal: string; from: string | null; processes: {pid: number; command: string; delivered: boolean}[]}

async function liveProcess(args: string): Promise<PsProcess | undefined> {
  const {data} = await podpidJson<{processes: PsProcess[]}>(['ps', POD])
  return data.processes.find((process) => process.args.join(' ') === args && process.state !== 'Z')
}

describe('kill targets', () => {
  beforeAll(async () => {
    await removePods(POD)
    const run = await podpid([
      'run', POD, '-c', `app=${BUSYBOX}`, '-c', `sidecar=${BUSYBOX}`,
      '--cmd', "app=sh -c 'sleep 1001 & sleep 1002 & sleep 1003 & sleep 1004 & exec sleep 3600'",
      '--cmd', 'sidecar=sleep 3600',
      ...OFFLINE,
    ])
    expect(run.exitCode).toBe(0)
    await waitFor('the workers', () => liveProcess('sleep 1004'))
  })

  afterAll(() => removePods(POD))

  it('--pid signals one process from the host', async () => {
    const worker = await liveProcess('sleep 1001')
    const {data, exitCode} = await podpidJson<KillJson>(['kill', POD, 'app', '--pid', String(worker?.pid), '--signal', '9'])
    expect(exitCode).toBe(0)
    expect(data.signal).toBe('KILL')
    expect(data.from).toBeNull()
    expect(data.processes).toEqual([{pid: worker?.pid, hostPid: worker?.hostPid, command: 'sleep 1001', delivered: true}])
    await waitFor('sleep 1001 to die', async () => ((await liveProcess('sleep 1001')) ? undefined : true))
    expect(await liveProcess('sleep 1002')).toBeDefined()
  })

  it('--match signals every match', async () => {
    const {data, exitCode} = await podpidJson<KillJson>(['kill', POD, 'app', '--match', '^sleep 100[23]$', '--signal', 'sigterm'])
    expect(exitCode).toBe(0)
    expect(data.processes.map((process) => process.command).sort()).toEqual(['sleep 1002', 'sleep 1003'])
    expect(data.processes.every((process) => process.delivered)).toBe(true)
    await waitFor('the matched workers to die', async () => ((await liveProcess('sleep 1003')) || (await liveProcess('sleep 1002')) ? undefined : true))
    expect(await liveProcess('sleep 1004')).toBeDefined()
  })

  it('--match from the sidecar', async () => {
    const kill = await podpid(['kill', POD, 'app', '--from', 'sidecar', '--match', 'sleep 1004', '--signal', 'TERM'])
    expect(kill.exitCode).toBe(0)
    expect(kill.stdout).toMatch(/^Sent TERM to PID \d+ \(sleep 1004\) in app, from sidecar$/)
    await waitFor('sleep 1004 to die', async () => ((await liveProcess('sleep 1004')) ? undefined : true))
  })

  it('main process by default', async () => {
    const kill = await podpid(['kill', POD, 'sidecar'])
    expect(kill.exitCode).toBe(0)
    expect(kill.stdout).toMatch(/^Sent TERM to PID \d+ \(sleep 3600\) in sidecar, from the host$/)
    const {data} = await waitFor('the sidecar to exit', async () => {
      const ls = await podpidJson<{pods: {name: string; containers: {name: string; state: string}[]}[]}>(['ls'])
      const sidecar = ls.data.pods.find((pod) => pod.name === POD)?.containers.find((container) => container.name === 'sidecar')
      return sidecar?.state === 'exited' ? ls : undefined
    })
    expect(data.pods.find((pod) => pod.name === POD)?.containers.map((container) => container.state)).toEqual(['running', 'running', 'exited'])
  })

  it('KILL to PID 1 from inside is refused', async () => {
    const kill = await podpid(['kill', POD, 'infra', '--from', 'app', '--signal', 'KILL'])
    expect(kill.exitCode).toBe(9)
    expect(kill.stderr).toBe(
      "Error: cannot send KILL to PID 1 (/catatonit -P) in infra: PID 1 of the pod ignores KILL sent from inside the pod, since the kernel delivers to a namespace's init only the signals it catches or blocks; send it without --from",
    )
    const {data} = await podpidJson<{pods: {name: string; state: string}[]}>(['ls'])
    expect(data.pods.find((pod) => pod.name === POD)?.state).not.toBe('Exited')
  })
})
