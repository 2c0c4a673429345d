import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {BUSYBOX, OFFLINE, type PsProcess, podpid, podpidJson, removePods, uniqueName} from './helpers.js'

const NAMED = uniqueName('e2e-users-named')
const FIFO = uniqueName('e2e-users-fifo')
const LINK = uniqueName('e2e-users-link')

async function appUser(pod: string, setup: string): Promise<string | undefined> {
  const run = await podpid(['run', pod, '-c', `app=${BUSYBOX}`, '--cmd', `app=sh -c '${setup}; exec sleep 3600'`, ...OFFLINE])
  expect(run.exitCode).toBe(0)
  const {data, exitCode} = await podpidJson<{processes: PsProcess[]}>(['ps', pod])
  expect(exitCode).toBe(0)
  return data.processes.find((process) => process.container === 'app')?.user
}

describe('ps users', () => {
  afterAll(() => removePods(NAMED, FIFO, LINK))

  it("names from the container's passwd", async () => {
    expect(await appUser(NAMED, 'echo admin:x:0:0::/:/bin/sh > /etc/passwd')).toBe('admin')
  })

  it('passwd FIFO does not block', async () => {
    expect(await appUser(FIFO, 'mkdir -p /etc && mkfifo /etc/passwd')).toBe('0')
  })

  it('passwd link to the host is not followed', async () => {
    const hostFile = join(mkdtempSync(join(tmpdir(), 'podpid-')), 'passwd')
    writeFileSync(hostFile, 'hostuser:x:0:0::/:/bin/sh\n')
    expect(await appUser(LINK, `mkdir -p /etc && ln -s ${hostFile} /etc/passwd`)).toBe('0')
  })
})
