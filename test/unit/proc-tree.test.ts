import {describe, expect, it} from 'vitest'
import {buildProcessTree} from '../../src/proc/tree.js'
import {podProcess} from './helpers.js'

// A pod with two members, given in scrambled order. Members' main processes (7 and 9) have PPID 0, and 40's
// parent 99 exited before the snapshot. Drawn, the tree is:
//
//   1
//   ├─ 7
//   │  ├─ 12
//   │  │  └─ 20
//   │  └─ 15
//   ├─ 9
//   │  └─ 30
//   └─ 40
const pod = [
  podProcess({pid: 30, ppid: 9, container: 'sidecar'}),
  podProcess({pid: 15, ppid: 7}),
  podProcess({pid: 40, ppid: 99}),
  podProcess({pid: 9, ppid: 0, container: 'sidecar'}),
  podProcess({pid: 20, ppid: 12}),
  podProcess({pid: 1, ppid: 0, container: 'infra'}),
  podProcess({pid: 12, ppid: 7}),
  podProcess({pid: 7, ppid: 0}),
]

describe('buildProcessTree', () => {
  const rows = buildProcessTree(pod)

  it('tree rows in depth-first order', () => {
    expect(rows.map((row) => row.process.pid)).toEqual([1, 7, 12, 20, 15, 9, 30, 40])
  })

  it('tree depth column', () => {
    expect(rows.map((row) => row.depth)).toEqual([0, 1, 2, 3, 2, 1, 2, 1])
  })

  it('tree prefix column', () => {
    expect(rows.map((row) => row.prefix)).toEqual(['', '├─ ', '│  ├─ ', '│  │  └─ ', '│  └─ ', '├─ ', '│  └─ ', '└─ '])
  })

  it.each([
    {name: 'infra PID 1', pid: 1, depth: 0},
    {name: 'member main, PPID 0', pid: 7, depth: 1},
    {name: 'second member main', pid: 9, depth: 1},
    {name: 'missing parent', pid: 40, depth: 1},
  ])('tree places $name', ({pid, depth}) => {
    expect(rows.find((row) => row.process.pid === pid)?.depth).toBe(depth)
  })

  it('tree keeps every process', () => {
    expect(rows).toHaveLength(pod.length)
  })

  it('tree of PID 1 alone', () => {
    expect(buildProcessTree([podProcess({pid: 1})])).toEqual([{process: podProcess({pid: 1}), depth: 0, prefix: ''}])
  })

  it('tree of no processes', () => {
    expect(buildProcessTree([])).toEqual([])
  })

  // Without PID 1 (the infra exited between reads) the processes whose parents are missing become roots.
  describe('without PID 1', () => {
    const orphans = buildProcessTree([
      podProcess({pid: 9, ppid: 0}),
      podProcess({pid: 30, ppid: 9}),
      podProcess({pid: 7, ppid: 0}),
    ])

    it.each([
      {name: 'pids', column: orphans.map((row) => row.process.pid), expected: [7, 9, 30]},
      {name: 'depths', column: orphans.map((row) => row.depth), expected: [0, 0, 1]},
      {name: 'prefixes', column: orphans.map((row) => row.prefix), expected: ['', '', '└─ ']},
    ])('rootless tree $name', ({column, expected}) => {
      expect(column).toEqual(expected)
    })
  })

  // Members start in parallel, so a later member may get the lower PID; the pod's container order wins.
  describe('with container order', () => {
    const ordered = buildProcessTree(pod, ['infra', 'sidecar', 'app'])

    it.each([
      {name: 'pids', column: ordered.map((row) => row.process.pid), expected: [1, 9, 30, 7, 12, 20, 15, 40]},
      {name: 'prefixes', column: ordered.map((row) => row.prefix), expected: ['', '├─ ', '│  └─ ', '├─ ', '│  ├─ ', '│  │  └─ ', '│  └─ ', '└─ ']},
    ])('ordered tree $name', ({column, expected}) => {
      expect(column).toEqual(expected)
    })
  })
})
