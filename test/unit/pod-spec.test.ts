import {describe, expect, it} from 'vitest'
import {ExitCode, PodpidError} from '../../src/errors.js'
import {buildMembers} from '../../src/pod-spec.js'
import {thrownBy} from './helpers.js'

describe('buildMembers', () => {
  it('members keep start order', () => {
    const members = buildMembers({containers: ['app=busybox', 'sidecar=busybox:1.36', `db=reg.example/db@sha256:${'ab'.repeat(32)}`]})
    expect(members.map((member) => member.name)).toEqual(['app', 'sidecar', 'db'])
    expect(members.map((member) => member.image)).toEqual(['busybox', 'busybox:1.36', `reg.example/db@sha256:${'ab'.repeat(32)}`])
  })

  it('options reach their container', () => {
    const [app, sidecar] = buildMembers({
      containers: ['app=busybox', 'sidecar=busybox'],
      cmd: [`app=sh -c 'echo "a b"; sleep 1'`],
      env: ['sidecar=LEVEL=debug', 'sidecar=EMPTY=', 'app=URL=http://x/?a=b'],
      volume: ['app=logs:/logs', 'sidecar=logs:/logs:ro', 'sidecar=/srv/data:/data:rw'],
    })

    expect(app?.cmd).toEqual(['sh', '-c', 'echo "a b"; sleep 1'])
    expect(app?.env).toEqual(['URL=http://x/?a=b'])
    expect(app?.volumes).toEqual(['logs:/logs'])
    expect(sidecar?.cmd).toBeUndefined()
    expect(sidecar?.env).toEqual(['LEVEL=debug', 'EMPTY='])
    expect(sidecar?.volumes).toEqual(['logs:/logs:ro', '/srv/data:/data:rw'])
  })

  it.each([
    {name: 'duplicate container', options: {containers: ['app=a', 'app=b']}, message: "invalid -c: container 'app' is given twice; names must be unique in a pod"},
    {name: 'second command', options: {containers: ['app=a'], cmd: ['app=true', 'app=false']}, message: "invalid --cmd 'app=false': container 'app' already has a command"},
    {name: 'empty command', options: {containers: ['app=a'], cmd: ['app=  ']}, message: "invalid --cmd 'app=  ': the command is empty"},
    {name: 'command for unknown container', options: {containers: ['app=a'], cmd: ['db=true']}, message: "invalid --cmd 'db=true': no container 'db' is given with -c (containers: app)"},
    {name: 'env without value', options: {containers: ['app=a'], env: ['app=LEVEL']}, message: "invalid --env 'app=LEVEL': expected NAME=KEY=VALUE"},
    {name: 'env without key', options: {containers: ['app=a'], env: ['app==x']}, message: "invalid --env 'app==x': expected NAME=KEY=VALUE"},
    {name: 'volume without target', options: {containers: ['app=a'], volume: ['app=logs']}, message: "invalid --volume 'app=logs': expected NAME=SOURCE:TARGET[:ro|:rw], where SOURCE is a volume name or an absolute path and TARGET an absolute path"},
    {name: 'relative volume target', options: {containers: ['app=a'], volume: ['app=logs:logs']}, message: "invalid --volume 'app=logs:logs': expected NAME=SOURCE:TARGET[:ro|:rw], where SOURCE is a volume name or an absolute path and TARGET an absolute path"},
    {name: 'unknown volume mode', options: {containers: ['app=a'], volume: ['app=logs:/logs:rx']}, message: "invalid --volume 'app=logs:/logs:rx': expected NAME=SOURCE:TARGET[:ro|:rw], where SOURCE is a volume name or an absolute path and TARGET an absolute path"},
    {name: 'relative volume source', options: {containers: ['app=a'], volume: ['app=rel/path:/x']}, message: "invalid --volume 'app=rel/path:/x': expected NAME=SOURCE:TARGET[:ro|:rw], where SOURCE is a volume name or an absolute path and TARGET an absolute path"},
    {name: 'invalid image', options: {containers: ['app=Bad Image']}, message: "invalid image 'Bad Image': use a reference such as busybox, busybox:1.36 or registry.example:5000/team/app:v2"},
    {name: 'command without container', options: {containers: ['app=a'], cmd: ['sleep 1']}, message: "invalid --cmd 'sleep 1': expected NAME=COMMAND"},
    {name: 'volume on /', options: {containers: ['app=a'], volume: ['app=data:/']}, message: "invalid --volume 'app=data:/': a volume cannot be mounted on /"},
    {name: 'two mounts on one target', options: {containers: ['app=a'], volume: ['app=data:/d', 'app=/srv:/d/']}, message: "invalid --volume 'app=/srv:/d/': container 'app' already has a mount on /d"},
    {name: 'volume with extra field', options: {containers: ['app=a'], volume: ['app=logs:/logs:ro:z']}, message: "invalid --volume 'app=logs:/logs:ro:z': expected NAME=SOURCE:TARGET[:ro|:rw], where SOURCE is a volume name or an absolute path and TARGET an absolute path"},
  ])('rejects $name', ({options, message}) => {
    const error = thrownBy(() => buildMembers(options))
    expect(error).toBeInstanceOf(PodpidError)
    expect((error as PodpidError).message).toBe(message)
    expect((error as PodpidError).exitCode).toBe(ExitCode.usage)
  })
})
