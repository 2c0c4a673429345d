import chalk from 'chalk'
import {beforeAll, describe, expect, it} from 'vitest'
import type {Role} from '../../src/labels.js'
import type {Pod, PodContainer} from '../../src/pod.js'
import {renderColumns, renderKill, renderPods, renderProcesses, renderZombies} from '../../src/render.js'
import {judgeZombies} from '../../src/zombies.js'
import {podProcess} from './helpers.js'

beforeAll(() => {
  chalk.level = 0
})

const processes = [
  podProcess({pid: 1, container: 'infra', command: 'catatonit', args: ['/catatonit', '-P'], elapsedSeconds: 3725}),
  podProcess({pid: 7, container: 'app', command: 'sleep', args: ['sleep', '3600'], elapsedSeconds: 61}),
  podProcess({pid: 12, ppid: 7, container: 'app', state: 'Z', command: 'sleep', args: [], elapsedSeconds: 59}),
  podProcess({pid: 8, container: 'sidecar', user: '1000', command: 'sh', args: ['sh', '-c', 'sleep 1 & wait'], elapsedSeconds: 5}),
]

describe('renderColumns', () => {
  it('pads columns and trims line ends', () => {
    expect(renderColumns(['A', 'LONG HEADER'], [['wide cell', 'x'], ['y', '']])).toBe(
      ['A          LONG HEADER', 'wide cell  x', 'y'].join('\n'),
    )
  })
})

describe('renderProcesses', () => {
  it('tree in container order', () => {
    expect(renderProcesses(processes, false, ['infra', 'sidecar', 'app'])).toBe(
      [
        'PID  HOST PID  PPID  S  CONTAINER  USER  ELAPSED   COMMAND',
        '1    5001      0     S  infra      root  01:02:05  /catatonit -P',
        '8    5008      0     S  sidecar    1000  00:05     ├─ sh -c sleep 1 & wait',
        '7    5007      0     S  app        root  01:01     └─ sleep 3600',
        '12   5012      7     Z  app        root  00:59        └─ [sleep] <defunct>',
      ].join('\n'),
    )
  })

  it('flat list keeps input order', () => {
    const lines = renderProcesses(processes, true, []).split('\n')
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(['PID', '1', '7', '12', '8'])
    expect(lines.join('\n')).not.toContain('─')
  })
})

describe('renderZombies', () => {
  it('none found', () => {
    expect(renderZombies('web', [])).toBe('No zombies in pod web.')
  })

  it('culprit table and explanation', () => {
    const zombies = judgeZombies(processes, processes, true)
    expect(renderZombies('web', zombies)).toBe(
      [
        'PID  HOST PID  CONTAINER  PARENT   PARENT COMMAND  VERDICT',
        '12   5012      app        7 (app)  sleep 3600      parent-not-waiting',
        '',
        'zombie 12: PID 7 (sleep 3600) in app does not wait for its children: fix it to reap them, or run it under an init such as tini',
      ].join('\n'),
    )
  })
})

describe('renderPods', () => {
  const container = (name: string, role: Role, state: string, status: string): PodContainer => ({
    name,
    role,
    index: 0,
    id: `${name}-id`,
    engineName: `web-${name}`,
    image: role === 'infra' ? 'podpid-infra:0.1.0' : 'busybox',
    state,
    status,
    volumes: [],
  })

  it('no pods', () => {
    expect(renderPods([])).toBe('No pods.')
  })

  it('one row per container', () => {
    const pods: Pod[] = [
      {name: 'db', containers: [container('infra', 'infra', 'exited', 'Exited (137) 1 second ago')]},
      {
        name: 'web',
        containers: [container('infra', 'infra', 'running', 'Up 2 minutes'), container('app', 'member', 'exited', 'Exited (1) 5 seconds ago')],
      },
    ]
    expect(renderPods(pods)).toBe(
      [
        'POD  STATE     CONTAINER  ROLE    IMAGE               STATUS',
        'db   Exited    infra      infra   podpid-infra:0.1.0  Exited (137) 1 second ago',
        'web  Degraded  infra      infra   podpid-infra:0.1.0  Up 2 minutes',
        '               app        member  busybox             Exited (1) 5 seconds ago',
      ].join('\n'),
    )
  })
})

describe('renderKill', () => {
  it('sent, skipped and failed', () => {
    const report = renderKill({
      pod: 'web',
      container: 'app',
      signal: 'TERM',
      from: 'sidecar',
      processes: [
        {pid: 7, hostPid: 5007, command: 'sleep 3600', delivered: true},
        {pid: 9, hostPid: 5009, command: 'sleep 1', delivered: false, exited: true, error: 'it exited before the signal reached it'},
        {pid: 11, hostPid: 5011, command: 'worker', delivered: false, error: 'kill in sidecar exited with code 1: denied'},
      ],
    })
    expect(report.stdout).toEqual(['Sent TERM to PID 7 (sleep 3600) in app, from sidecar'])
    expect(report.stderr).toEqual([
      'Skipped PID 9 (sleep 1) in app: it exited before the signal reached it',
      'Error: cannot send TERM to PID 11 (worker) in app: kill in sidecar exited with code 1: denied',
    ])
  })
})
