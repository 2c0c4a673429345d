import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {BUSYBOX, OFFLINE, execIn, podpid, podpidJson, removePods, waitFor, uniqueName} from './helpers.js'

const POD = uniqueName('e2e-logrot')

// A daemon that appends a line every 0.2 s to /logs/app.log and, on HUP, reopens the file by name, as nginx and
// most daemons do after a log rotation.
const DAEMON =
  `sh -c 'exec 3>>/logs/app.log; trap "exec 3>>/logs/app.log; echo reopened >&3" HUP; ` +
  `while true; do echo tick >&3; usleep 200000; done'`

const readLog = async (path: string) => (await execIn(`${POD}_sidecar`, ['cat', path])).stdout

describe('log rotation signalled from the sidecar', () => {
  beforeAll(async () => {
    await removePods(POD)
    const run = await podpid([
      'run', POD,
      '-c', `app=${BUSYBOX}`, '-c', `sidecar=${BUSYBOX}`,
      '--cmd', `app=${DAEMON}`, '--cmd', 'sidecar=sleep 3600',
      '--volume', `app=${POD}-logs:/logs`, '--volume', `sidecar=${POD}-logs:/logs`,
      ...OFFLINE,
    ])
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
  })

  afterAll(() => removePods(POD))

  it('daemon reopens its log after HUP', async () => {
    await waitFor('the first log line', async () => ((await readLog('/logs/app.log')).includes('tick') ? true : undefined))

    const moved = await execIn(`${POD}_sidecar`, ['mv', '/logs/app.log', '/logs/app.log.1'])
    expect(moved.exitCode).toBe(0)

    const kill = await podpid(['kill', POD, 'app', '--from', 'sidecar', '--signal', 'HUP'])
    expect(kill.stderr).toBe('')
    expect(kill.exitCode).toBe(0)
    expect(kill.stdout).toMatch(/^Sent HUP to PID \d+ \(sh -c .*\) in app, from sidecar$/)

    const fresh = await waitFor('the reopened log', async () => {
      const text = await readLog('/logs/app.log')
      return text.includes('reopened') ? text : undefined
    })
    expect(fresh.split('\n')[0]).toBe('reopened')

    const rotated = await readLog('/logs/app.log.1')
    expect(rotated).toContain('tick')
    expect(rotated).not.toContain('reopened')
  })

  it('kill --json reports the delivered signal', async () => {
    const {data, exitCode} = await podpidJson<{
      pod: string
      container: string
      signal: string
      from: string
      processes: {pid: number; delivered: boolean}[]
    }>(['kill', POD, 'app', '--from', 'sidecar', '--signal', 'SIGHUP'])

    expect(exitCode).toBe(0)
    expect(data.pod).toBe(POD)
    expect(data.container).toBe('app')
    expect(data.signal).toBe('HUP')
    expect(data.from).toBe('sidecar')
    expect(data.processes).toHaveLength(1)
    expect(data.processes[0]?.delivered).toBe(true)
  })

  it('rm removes the pod and its volume', async () => {
    const rm = await podpid(['rm', POD, '--time', '1'])
    expect(rm.exitCode).toBe(0)
    expect(rm.stdout).toBe(`Removed pod ${POD} (infra, app, sidecar), volumes ${POD}-logs`)

    const ls = await podpidJson<{pods: {name: string}[]}>(['ls'])
    expect(ls.data.pods.map((pod) => pod.name)).not.toContain(POD)
  })
})
