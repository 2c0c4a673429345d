import {mkdtempSync} from 'node:fs'
import {createServer as createHttpServer} from 'node:http'
import {createServer, type Socket} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {Label} from '../../src/labels.js'
import {BUSYBOX, OFFLINE, docker, podContainers, podVolumes, podpid, podpidJson, removePods, uniqueName} from './helpers.js'

const POD = uniqueName('e2e-bad')
const FRESH = uniqueName('e2e-bad-fresh')
const FOREIGN = `${FRESH}_m3`

describe('bad input', () => {
  beforeAll(async () => {
    await removePods(POD, FRESH)
    const run = await podpid(['run', POD, '-c', `app=${BUSYBOX}`, '-c', `sidecar=${BUSYBOX}`, '--cmd', 'app=sleep 3600', '--cmd', 'sidecar=sleep 3600', ...OFFLINE])
    expect(run.exitCode).toBe(0)
  })

  afterAll(async () => {
    await removePods(POD, FRESH)
    await docker.getContainer(FOREIGN).remove({force: true}).catch(() => undefined)
  })

  const usage = 2
  const notFound = 4
  const cases: {name: string; args: string[]; exitCode: number; message: string}[] = [
    {name: 'unknown pod for ps', args: ['ps', 'nope'], exitCode: notFound, message: "Error: pod 'nope' not found: run 'podpid ls' to see the pods"},
    {name: 'unknown pod for zombies', args: ['zombies', 'nope'], exitCode: notFound, message: "Error: pod 'nope' not found: run 'podpid ls' to see the pods"},
    {name: 'unknown pod for kill', args: ['kill', 'nope', 'app'], exitCode: notFound, message: "Error: pod 'nope' not found: run 'podpid ls' to see the pods"},
    {name: 'unknown pod for rm', args: ['rm', 'nope'], exitCode: notFound, message: "Error: pod 'nope' not found: run 'podpid ls' to see the pods"},
    {name: 'unknown container', args: ['kill', POD, 'db'], exitCode: notFound, message: `Error: container 'db' not found in pod '${POD}': its containers are infra, app, sidecar`},
    {name: 'unknown sender', args: ['kill', POD, 'app', '--from', 'db'], exitCode: notFound, message: `Error: container 'db' not found in pod '${POD}': its containers are infra, app, sidecar`},
    {name: 'unknown signal', args: ['kill', POD, 'app', '--signal', 'BOGUS'], exitCode: usage, message: "Error: invalid signal 'BOGUS': use a name such as HUP, SIGTERM, USR1 or RTMIN+1, or a number from 1 to 31 or 34 to 64"},
    {name: 'signal number out of range', args: ['kill', POD, 'app', '--signal', '65'], exitCode: usage, message: "Error: invalid signal '65': use a name such as HUP, SIGTERM, USR1 or RTMIN+1, or a number from 1 to 31 or 34 to 64"},
    {name: 'PID of another container', args: ['kill', POD, 'app', '--pid', '1'], exitCode: notFound, message: `Error: PID 1 is not a process of container 'app' in pod '${POD}': it belongs to container 'infra'; see 'podpid ps ${POD}'`},
    {name: 'no matching process', args: ['kill', POD, 'app', '--match', '^nginx'], exitCode: notFound, message: `Error: no process of container 'app' in pod '${POD}' matches '^nginx': see 'podpid ps ${POD}'`},
    {name: 'invalid match pattern', args: ['kill', POD, 'app', '--match', '('], exitCode: usage, message: "Error: invalid --match pattern '(': Invalid regular expression: /(/: Unterminated group"},
    {name: 'invalid pod name', args: ['run', 'Bad_Name', '-c', `app=${BUSYBOX}`, ...OFFLINE], exitCode: usage, message: "Error: invalid pod name 'Bad_Name': use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit"},
    {name: 'reserved container name', args: ['run', FRESH, '-c', `infra=${BUSYBOX}`, ...OFFLINE], exitCode: usage, message: "Error: invalid container name 'infra': it is reserved for the pod's infra container"},
    {name: 'container without image', args: ['run', FRESH, '-c', 'app', ...OFFLINE], exitCode: usage, message: "Error: invalid container 'app': expected NAME=IMAGE, for example app=busybox"},
    {name: 'option for unknown container', args: ['run', FRESH, '-c', `app=${BUSYBOX}`, '--cmd', 'db=sleep 1', ...OFFLINE], exitCode: usage, message: "Error: invalid --cmd 'db=sleep 1': no container 'db' is given with -c (containers: app)"},
    {name: 'unterminated quote', args: ['run', FRESH, '-c', `app=${BUSYBOX}`, '--cmd', "app=sh -c 'sleep", ...OFFLINE], exitCode: usage, message: "Error: invalid command 'sh -c 'sleep': unterminated ' quote"},
    {name: 'relative mount target', args: ['run', FRESH, '-c', `app=${BUSYBOX}`, '--volume', 'app=data:logs', ...OFFLINE], exitCode: usage, message: "Error: invalid --volume 'app=data:logs': expected NAME=SOURCE:TARGET[:ro|:rw], where SOURCE is a volume name or an absolute path and TARGET an absolute path"},
    {name: 'invalid settle time', args: ['zombies', POD, '--settle', 'soon'], exitCode: usage, message: "Error: invalid duration 'soon': use a number of seconds, or a number with a unit such as 500ms, 2s or 1m"},
    {name: 'settle time too long', args: ['zombies', POD, '--settle', '99999999h'], exitCode: usage, message: "Error: invalid duration '99999999h': use at most 1h"},
    {name: 'invalid pod name for ps', args: ['ps', 'Web_1'], exitCode: usage, message: "Error: invalid pod name 'Web_1': use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit"},
    {name: 'invalid container name for kill', args: ['kill', POD, '../app'], exitCode: usage, message: "Error: invalid container name '../app': use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit"},
    {name: 'empty match pattern', args: ['kill', POD, 'app', '--match', ''], exitCode: usage, message: "Error: invalid --match pattern '': it matches every process; give part of a command line"},
    {name: 'invalid image reference', args: ['run', FRESH, '-c', 'app=Bad Image', ...OFFLINE], exitCode: usage, message: "Error: invalid image 'Bad Image': use a reference such as busybox, busybox:1.36 or registry.example:5000/team/app:v2"},
    {name: 'missing argument', args: ['ps'], exitCode: usage, message: "Error: missing argument POD: see 'podpid ps --help'"},
    {name: 'exclusive flags', args: ['kill', POD, 'app', '--pid', '3', '--match', 'x'], exitCode: usage, message: "Error: --match and --pid cannot be used together: see 'podpid kill --help'"},
    {name: 'PID out of range', args: ['kill', POD, 'app', '--pid', '0'], exitCode: usage, message: "Error: invalid --pid '0': use a whole number from 1 to 4194304"},
    {name: 'unknown command', args: ['pss', POD], exitCode: usage, message: `Error: unknown command 'pss ${POD}': run 'podpid --help' to see the commands`},
    {name: 'extra argument to ls', args: ['ls', 'extra'], exitCode: usage, message: "Error: unexpected argument extra: see 'podpid ls --help'"},
    {name: 'flag given twice', args: ['kill', POD, 'app', '-s', 'TERM', '-s', 'HUP'], exitCode: usage, message: "Error: --signal is given more than once: see 'podpid kill --help'"},
    {name: 'option flag without value', args: ['run', FRESH, '-c', `app=${BUSYBOX}`, '--pull'], exitCode: usage, message: "Error: missing value for --pull, which takes one of missing, always, never: see 'podpid run --help'"},
  ]

  it.each(cases)('$name', async ({args, exitCode, message}) => {
    const result = await podpid(args)
    expect(result.stderr).toBe(message)
    expect(result.exitCode).toBe(exitCode)
    expect(result.stdout).toBe('')
  })

  it('errors as JSON with --json', async () => {
    const {data, exitCode} = await podpidJson<{error: {message: string; exitCode: number}}>(['ps', 'nope'])
    expect(exitCode).toBe(notFound)
    expect(data.error.message).toBe("pod 'nope' not found: run 'podpid ls' to see the pods")
    expect(data.error.exitCode).toBe(notFound)
    expect(Object.keys(data.error).sort()).toEqual(['exitCode', 'message'])
  })

  it('sender without kill program', async () => {
    const result = await podpid(['kill', POD, 'app', '--from', 'infra', '--signal', 'HUP'])
    expect(result.exitCode).toBe(9)
    expect(result.stderr).toMatch(new RegExp(`^Error: container 'infra' of pod '${POD}' has no kill program \\(.*\\): use an image with kill on its PATH, such as busybox, or send the signal without --from$`))
  })

  it('pod name taken', async () => {
    const result = await podpid(['run', POD, '-c', `web=${BUSYBOX}`, ...OFFLINE])
    expect(result.stderr).toBe(`Error: pod '${POD}' already exists: remove it with 'podpid rm ${POD}' or choose another name`)
    expect(result.exitCode).toBe(5)

    const containers = await podContainers(POD)
    expect(containers.map((container) => container.Labels[Label.container]).sort()).toEqual(['app', 'infra', 'sidecar'])
    expect(containers.every((container) => container.State === 'running')).toBe(true)
  })

  it('missing image rolls the run back', async () => {
    const result = await podpid(['run', FRESH, '-c', `app=${BUSYBOX}`, '-c', 'db=podpid-no-such-image:1', '--volume', `app=${FRESH}-data:/data`, ...OFFLINE])
    expect(result.stderr).toBe("Error: image 'podpid-no-such-image:1' not found locally and --pull is never: build or load it first, or pass --pull missing")
    expect(result.exitCode).toBe(notFound)
    expect(await podContainers(FRESH)).toEqual([])
    expect(await podVolumes(FRESH)).toEqual([])
  })

  it('failing member rolls the run back', async () => {
    const result = await podpid(['run', FRESH, '-c', `app=${BUSYBOX}`, '-c', `bad=${BUSYBOX}`, '--cmd', 'app=sleep 3600', '--cmd', 'bad=no-such-program', '--volume', `app=${FRESH}-data:/data`, ...OFFLINE])
    expect(result.stderr).toMatch(new RegExp(`^Error: cannot start container 'bad' of pod '${FRESH}': .*no-such-program.*$`))
    expect(result.exitCode).toBe(6)
    expect(await podContainers(FRESH)).toEqual([])
    expect(await podVolumes(FRESH)).toEqual([])
  })

  it('member that exits at once rolls back', async () => {
    const result = await podpid(['run', FRESH, '-c', `app=${BUSYBOX}`, '-c', `bad=${BUSYBOX}`, '--cmd', 'app=sleep 3600', '--cmd', 'bad=false', ...OFFLINE])
    expect(result.stderr).toBe(`Error: container 'bad' of pod '${FRESH}' exited with code 1 as soon as it started: check its command and image`)
    expect(result.exitCode).toBe(6)
    expect(await podContainers(FRESH)).toEqual([])
  })

  it('name used by a foreign container', async () => {
    await docker.createContainer({name: FOREIGN, Image: BUSYBOX, Cmd: ['true'], HostConfig: {NetworkMode: 'none'}})
    // Members are created in parallel: the others must not outlive the roll-back that m3's failure starts.
    const members = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].flatMap((name) => ['-c', `${name}=${BUSYBOX}`])
    const result = await podpid(['run', FRESH, ...members, ...OFFLINE])
    expect(result.stderr).toBe(`Error: cannot create container 'm3' of pod '${FRESH}': the name ${FOREIGN} is already in use by another container; remove or rename it`)
    expect(result.exitCode).toBe(5)
    expect(await podContainers(FRESH)).toEqual([])

    const foreign = await docker.getContainer(FOREIGN).inspect()
    expect(foreign.State.Status).toBe('created')
  })

  it('engine that does not answer', async () => {
    const socket = join(mkdtempSync(join(tmpdir(), 'podpid-')), 'docker.sock')
    const host = `unix://${socket}`
    for (const args of [['ls'], ['ps', POD], ['run', FRESH, '-c', `app=${BUSYBOX}`, ...OFFLINE], ['rm', POD]]) {
      const result = await podpid(args, {DOCKER_HOST: host})
      expect(result.stderr).toBe(`Error: cannot connect to the Docker engine at ${host}: start dockerd, or set DOCKER_HOST to a running engine`)
      expect(result.exitCode).toBe(3)
    }

    expect((await podContainers(POD)).length).toBe(3)
  })

  it('DOCKER_HOST without scheme', async () => {
    const result = await podpid(['ls'], {DOCKER_HOST: '/var/run/docker.sock'})
    expect(result.stderr).toBe("Error: invalid DOCKER_HOST '/var/run/docker.sock': use unix:///path/to/docker.sock, tcp://HOST:PORT or ssh://USER@HOST")
    expect(result.exitCode).toBe(usage)
  })

  it('unknown command with --json', async () => {
    const {data, exitCode} = await podpidJson<{error: {message: string; exitCode: number}}>(['bogus'])
    expect(data).toEqual({error: {message: "unknown command 'bogus': run 'podpid --help' to see the commands", exitCode: usage}})
    expect(exitCode).toBe(usage)
  })

  it('socket that is not an engine', async () => {
    const socket = join(mkdtempSync(join(tmpdir(), 'podpid-')), 'web.sock')
    const server = createHttpServer((_request, response) => response.writeHead(404).end('not an engine'))
    await new Promise<void>((resolve) => server.listen(socket, resolve))

    try {
      const host = `unix://${socket}`
      const result = await podpid(['ls'], {DOCKER_HOST: host})
      expect(result.stderr).toMatch(new RegExp(`^Error: ${host} did not respond as a Docker engine \\(.*\\): set DOCKER_HOST to the engine's socket$`))
      expect(result.exitCode).toBe(3)
    } finally {
      server.close()
    }
  })

  it('engine that hangs', async () => {
    // A socket that accepts connections and never responds, as a stuck dockerd does.
    const socket = join(mkdtempSync(join(tmpdir(), 'podpid-')), 'docker.sock')
    const connections: Socket[] = []
    const server = createServer((connection) => connections.push(connection))
    await new Promise<void>((resolve) => server.listen(socket, resolve))

    try {
      const host = `unix://${socket}`
      const result = await podpid(['ls'], {DOCKER_HOST: host})
      expect(result.stderr).toBe(`Error: the Docker engine at ${host} did not respond within 10 s: check that dockerd is running and not stuck, or set DOCKER_HOST to another engine`)
      expect(result.exitCode).toBe(3)
      expect(connections.length).toBeGreaterThan(0)

      // With --json, the error is printed as JSON, and the open request must not keep the process alive.
      const json = await podpid(['ls', '--json'], {DOCKER_HOST: host})
      expect(JSON.parse(json.stdout)).toEqual({error: {message: result.stderr.replace(/^Error: /, ''), exitCode: 3}})
      expect(json.exitCode).toBe(3)
    } finally {
      for (const connection of connections) connection.destroy()
      server.close()
    }
  })

  it('half-made pod is removed', async () => {
    const infra = (await podContainers(POD)).find((container) => container.Labels[Label.role] === 'infra')
    await docker.getContainer(infra?.Id as string).remove({force: true})

    const ps = await podpid(['ps', POD])
    expect(ps.stderr).toBe(`Error: pod '${POD}' has no infra container, so its namespaces are gone: remove it with 'podpid rm ${POD}'`)
    expect(ps.exitCode).toBe(notFound)

    const rm = await podpid(['rm', POD, '--time', '1'])
    expect(rm.exitCode).toBe(0)
    expect(rm.stdout).toBe(`Removed pod ${POD} (app, sidecar)`)
    expect(await podContainers(POD)).toEqual([])
  })
})
