import {describe, expect, it} from 'vitest'
import {
  parseCgroupContainerId,
  parseCmdline,
  parsePasswd,
  parseStat,
  parseStatus,
  parseUptime,
} from '../../src/proc/parse.js'
import {readFixture} from './helpers.js'

interface RecordedEngine {
  containers: Record<'infra' | 'app', string>
  processes: Record<string, {pid: number; hostPid: number}>
}

const engine = JSON.parse(readFixture('proc/v1/engine.json')) as RecordedEngine
const infraId = engine.containers.infra
const appId = engine.containers.app
const recordedProcesses = ['infra-pid1', 'app-main', 'zombie']

/**
 * Builds a /proc/PID/stat line. Each filler field N contains the value N, so a parser that reads the wrong field
 * returns a wrong start time instead of a zero that looks right.
 */
function statLine(pid: number, comm: string, state: string, ppid: number, startTicks: number): string {
  const fields5to21 = Array.from({length: 17}, (_, i) => i + 5)
  const fields23to52 = Array.from({length: 30}, (_, i) => i + 23)
  return `${pid} (${comm}) ${state} ${ppid} ${fields5to21.join(' ')} ${startTicks} ${fields23to52.join(' ')}\n`
}

/** Drops the cgroup v2 line (`0::PATH`), leaving what a host with cgroup v1 only shows. */
function v1LinesOnly(cgroup: string): string {
  return cgroup
    .split('\n')
    .filter((line) => !line.startsWith('0::'))
    .join('\n')
}

describe('parseStat', () => {
  it.each([
    {name: 'recorded infra PID 1', text: readFixture('proc/v1/infra-pid1/stat'), pid: 5522, comm: 'catatonit', state: 'S', ppid: 5501, startTicks: 183021},
    {name: 'recorded app main', text: readFixture('proc/v1/app-main/stat'), pid: 5580, comm: 'sleep', state: 'S', ppid: 5559, startTicks: 183040},
    {name: 'recorded zombie', text: readFixture('proc/v1/zombie/stat'), pid: 5592, comm: 'sleep', state: 'Z', ppid: 5580, startTicks: 183044},
    {name: 'comm a) b (c', text: statLine(31, 'a) b (c', 'S', 1, 9001), pid: 31, comm: 'a) b (c', state: 'S', ppid: 1, startTicks: 9001},
    {name: 'comm with fake fields', text: statLine(32, 'x) Z 9 (', 'R', 7, 9002), pid: 32, comm: 'x) Z 9 (', state: 'R', ppid: 7, startTicks: 9002},
    {name: 'comm with two spaces', text: statLine(33, 'Web  Content', 'S', 7, 9003), pid: 33, comm: 'Web  Content', state: 'S', ppid: 7, startTicks: 9003},
    {name: 'comm in parentheses', text: statLine(34, '(sd-pam)', 'S', 1, 9004), pid: 34, comm: '(sd-pam)', state: 'S', ppid: 1, startTicks: 9004},
    {name: 'comm ending in )', text: statLine(35, 'x)', 'D', 1, 9005), pid: 35, comm: 'x)', state: 'D', ppid: 1, startTicks: 9005},
    {name: 'empty comm', text: statLine(36, '', 'S', 1, 9006), pid: 36, comm: '', state: 'S', ppid: 1, startTicks: 9006},
    {name: 'synthetic zombie', text: statLine(37, 'defunct job', 'Z', 0, 9007), pid: 37, comm: 'defunct job', state: 'Z', ppid: 0, startTicks: 9007},
  ])('parseStat $name', ({text, pid, comm, state, ppid, startTicks}) => {
    const stat = parseStat(text)

    expect(stat.pid).toBe(pid)
    expect(stat.comm).toBe(comm)
    expect(stat.state).toBe(state)
    expect(stat.ppid).toBe(ppid)
    expect(stat.startTicks).toBe(startTicks)
  })

  it.each(recordedProcesses)('parseStat %s host PID', (name) => {
    expect(parseStat(readFixture(`proc/v1/${name}/stat`)).pid).toBe(engine.processes[name]?.hostPid)
  })

  it.each([
    {name: 'no parentheses', text: '42 sh S 1 2 3'},
    {name: 'only the command', text: '42 (sh)\n'},
    {name: 'empty text', text: ''},
    {name: 'missing pid', text: statLine(1, 'sh', 'S', 0, 100).replace(/^1 /, '')},
    {name: 'non-numeric pid', text: statLine(1, 'sh', 'S', 0, 100).replace(/^1 /, 'x ')},
  ])('parseStat rejects $name', ({text}) => {
    expect(() => parseStat(text)).toThrow(/malformed \/proc stat line/)
  })
})

describe('parseStatus', () => {
  const threeLevels = ['Name:\tnginx', 'State:\tS (sleeping)', 'Pid:\t4242', 'PPid:\t4200', 'Uid:\t101\t101\t101\t101', 'NSpid:\t4242\t300\t7', ''].join('\n')
  const withoutNsPid = ['Name:\told-kernel', 'State:\tR (running)', 'Pid:\t812', 'PPid:\t1', 'Uid:\t0\t0\t0\t0', ''].join('\n')
  const distinctUids = ['Name:\tsu', 'State:\tS (sleeping)', 'Pid:\t900', 'PPid:\t899', 'Uid:\t1000\t0\t0\t0', 'NSpid:\t900', ''].join('\n')
  const colonInName = ['Name:\ttmux: server', 'State:\tS (sleeping)', 'Pid:\t77', 'PPid:\t1', 'Uid:\t1000\t1000\t1000\t1000', 'NSpid:\t77', ''].join('\n')

  it.each([
    {name: 'recorded infra PID 1', text: readFixture('proc/v1/infra-pid1/status'), comm: 'catatonit', state: 'S', ppid: 5501, uid: 0, nsPids: [5522, 1]},
    {name: 'recorded app main', text: readFixture('proc/v1/app-main/status'), comm: 'sleep', state: 'S', ppid: 5559, uid: 0, nsPids: [5580, 7]},
    {name: 'recorded zombie', text: readFixture('proc/v1/zombie/status'), comm: 'sleep', state: 'Z', ppid: 5580, uid: 0, nsPids: [5592, 13]},
    {name: 'NSpid with three levels', text: threeLevels, comm: 'nginx', state: 'S', ppid: 4200, uid: 101, nsPids: [4242, 300, 7]},
    {name: 'no NSpid line', text: withoutNsPid, comm: 'old-kernel', state: 'R', ppid: 1, uid: 0, nsPids: [812]},
    {name: 'real and effective Uid', text: distinctUids, comm: 'su', state: 'S', ppid: 899, uid: 1000, nsPids: [900]},
    {name: 'colon in Name', text: colonInName, comm: 'tmux: server', state: 'S', ppid: 1, uid: 1000, nsPids: [77]},
  ])('parseStatus $name', ({text, comm, state, ppid, uid, nsPids}) => {
    const status = parseStatus(text)

    expect(status.name).toBe(comm)
    expect(status.state).toBe(state)
    expect(status.ppid).toBe(ppid)
    expect(status.uid).toBe(uid)
    expect(status.nsPids).toEqual(nsPids)
  })

  it.each(recordedProcesses)('parseStatus %s pod PID', (name) => {
    expect(parseStatus(readFixture(`proc/v1/${name}/status`)).nsPids.at(-1)).toBe(engine.processes[name]?.pid)
  })
})

describe('parseCgroupContainerId', () => {
  const recordedZombie = readFixture('proc/v1/zombie/cgroup')
  const outerId = 'a'.repeat(64)
  const innerId = 'b'.repeat(64)

  it.each([
    // cgroup v1 with the unified hierarchy mounted too (recorded): ten lines, each with /docker/ID.
    {name: 'v1 recorded infra', text: readFixture('proc/v1/infra-pid1/cgroup'), id: infraId},
    {name: 'v1 recorded app main', text: readFixture('proc/v1/app-main/cgroup'), id: appId},
    {name: 'v1 controller lines only', text: v1LinesOnly(readFixture('proc/v1/app-main/cgroup')), id: appId},
    // The v1 controllers show '/' for a zombie, but the unified line keeps the cgroup the process had.
    {name: 'v1 recorded zombie', text: recordedZombie, id: appId},
    {name: 'v1-only zombie', text: v1LinesOnly(recordedZombie), id: undefined},
    {name: 'v1 systemd driver', text: `1:name=systemd:/system.slice/docker-${outerId}.scope\n`, id: outerId},
    // Docker in Docker on cgroup v1: the inner engine's container sits below the outer container's cgroup.
    {name: 'v1 nested Docker', text: `4:memory:/docker/${outerId}/docker/${innerId}\n`, id: innerId},
    {name: 'v2 cgroupfs driver', text: readFixture('proc/v2/cgroupfs-member/cgroup'), id: '3f9a2c6d1e8b47a05c2d9e1f60b7a8c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8'},
    {name: 'v2 systemd driver', text: readFixture('proc/v2/systemd-member/cgroup'), id: '8b1e4d7a2c9f03e6b5a8d1c4f7e0a3b6c9d2e5f8a1b4c7d0e3f6a9b2c5d8e1f4'},
    {name: 'v2 root cgroup', text: readFixture('proc/v2/root/cgroup'), id: undefined},
    {name: 'v2 user session', text: readFixture('proc/v2/user-session/cgroup'), id: undefined},
    {name: 'ID one digit short', text: `0::/docker/${'c'.repeat(63)}\n`, id: undefined},
    {name: 'empty text', text: '', id: undefined},
  ])('container ID from $name', ({text, id}) => {
    expect(parseCgroupContainerId(text)).toBe(id)
  })
})

describe('parseCmdline', () => {
  it.each([
    {name: 'recorded infra PID 1', text: readFixture('proc/v1/infra-pid1/cmdline'), args: ['/catatonit', '-P']},
    {name: 'recorded app main', text: readFixture('proc/v1/app-main/cmdline'), args: ['sleep', '3600']},
    {name: 'recorded zombie', text: readFixture('proc/v1/zombie/cmdline'), args: []},
    {name: 'no trailing NUL', text: 'nginx: master process\0-g', args: ['nginx: master process', '-g']},
    {name: 'argument with spaces', text: 'sh\0-c\0sleep 1 & exec sleep 3600\0', args: ['sh', '-c', 'sleep 1 & exec sleep 3600']},
    {name: 'empty last argument', text: 'sh\0-c\0\0', args: ['sh', '-c', '']},
    {name: 'empty text', text: '', args: []},
  ])('parseCmdline $name', ({text, args}) => {
    expect(parseCmdline(text)).toEqual(args)
  })
})

describe('parsePasswd', () => {
  const passwd = [
    'root:x:0:0:root:/root:/bin/sh',
    '# comment line',
    '',
    'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
    'toor:x:0:0:second root:/root:/bin/sh',
    'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
    'broken',
    'www:x:abc:33::/var/www:/bin/false',
    '',
  ].join('\n')
  const users = parsePasswd(passwd)

  it.each([
    {name: 'root', uid: 0, user: 'root'},
    {name: 'daemon', uid: 1, user: 'daemon'},
    {name: 'nobody', uid: 65534, user: 'nobody'},
    {name: 'unknown UID', uid: 33, user: undefined},
  ])('parsePasswd maps $name', ({uid, user}) => {
    expect(users.get(uid)).toBe(user)
  })

  it('parsePasswd skips invalid lines', () => {
    expect([...users.keys()].sort((a, b) => a - b)).toEqual([0, 1, 65534])
  })

  it('parsePasswd empty text', () => {
    expect(parsePasswd('').size).toBe(0)
  })
})

describe('parseUptime', () => {
  it.each([
    {name: 'recorded', text: readFixture('proc/v1/uptime'), seconds: 1836.18},
    {name: 'long uptime', text: '350735.47 234388.90\n', seconds: 350735.47},
    {name: 'leading space', text: '  12.50 3.00', seconds: 12.5},
  ])('parseUptime $name', ({text, seconds}) => {
    expect(parseUptime(text)).toBe(seconds)
  })

  it.each([
    {name: 'word', text: 'up 3 days'},
    {name: 'empty text', text: ''},
    {name: 'blank line', text: '\n'},
  ])('parseUptime rejects $name', ({text}) => {
    expect(() => parseUptime(text)).toThrow(/malformed \/proc\/uptime/)
  })
})
