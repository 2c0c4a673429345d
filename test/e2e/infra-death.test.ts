import {afterAll, describe, expect, it} from 'vitest'
import {BUSYBOX, OFFLINE, docker, podContainers, podpid, podpidJson, removePods, waitFor, uniqueName} from './helpers.js'

const POD = uniqueName('e2e-infra-death')

type LsJson = {pods: {name: string; state: string; containers: {name: string; state: string}[]}[]}

describe('infra death', () => {
  afterAll(() => removePods(POD))

  it('killing the infra stops every member', async () => {
    await removePods(POD)
    const run = await podpid(['run', POD, '-c', `app=${BUSYBOX}`, '-c', `sidecar=${BUSYBOX}`, '--cmd', 'app=sleep 3600', '--cmd', 'sidecar=sleep 3600', ...OFFLINE])
    expect(run.exitCode).toBe(0)

    const kill = await podpid(['kill', POD, 'infra', '--signal', 'KILL'])
    expect(kill.exitCode).toBe(0)
    expect(kill.stdout).toMatch(/^Sent KILL to PID 1 \(\/catatonit -P\) in infra, from the host$/)

    const pod = await waitFor('every container of the pod to exit', async () => {
      const {data} = await podpidJson<LsJson>(['ls'])
      const found = data.pods.find((candidate) => candidate.name === POD)
      return found?.containers.every((container) => container.state === 'exited') ? found : undefined
    })
    expect(pod.state).toBe('Exited')
    expect(pod.containers.map((container) => container.name)).toEqual(['infra', 'app', 'sidecar'])

    // The kernel kills the rest of a PID namespace with SIGKILL when its init dies: 128 + 9.
    for (const container of await podContainers(POD)) {
      const details = await docker.getContainer(container.Id).inspect()
      expect(details.State.ExitCode).toBe(137)
    }

    const ls = await podpid(['ls'])
    expect(ls.stdout).toMatch(new RegExp(`^${POD}\\s+Exited\\s+infra\\s+infra\\s`, 'm'))
  })

  it('ps on a dead pod says so', async () => {
    const ps = await podpid(['ps', POD])
    expect(ps.exitCode).toBe(4)
    expect(ps.stderr).toBe(`Error: pod '${POD}' has no running infra container (exited), so it has no processes: remove it with 'podpid rm ${POD}' and run it again`)
  })

  it('rm removes a dead pod', async () => {
    const rm = await podpid(['rm', POD, '--time', '1'])
    expect(rm.exitCode).toBe(0)
    expect(await podContainers(POD)).toEqual([])
  })
})
