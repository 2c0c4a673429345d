import {describe, expect, it} from 'vitest'
import type {ContainerSummary} from '../../src/engine.js'
import {INFRA_NAME, Label} from '../../src/labels.js'
import {groupPods, podState, type Pod} from '../../src/pod.js'

/** Builds a container summary as the engine lists it, with podpid's labels for the fields that are given. */
function summary(
  engineName: string,
  fields: {pod?: string; role?: 'infra' | 'member'; container?: string; index?: number; state?: string},
): ContainerSummary {
  const labels: Record<string, string> = {}
  if (fields.pod !== undefined) labels[Label.pod] = fields.pod
  if (fields.role !== undefined) labels[Label.role] = fields.role
  if (fields.container !== undefined) labels[Label.container] = fields.container
  if (fields.index !== undefined) labels[Label.index] = String(fields.index)

  return {
    id: `id-${engineName}`,
    name: engineName,
    image: 'podpid-busybox:test',
    labels,
    state: fields.state ?? 'running',
    status: 'Up 2 minutes',
    volumes: [],
  }
}

describe('groupPods', () => {
  const pods = groupPods([
    summary('web-sidecar', {pod: 'web', role: 'member', container: 'sidecar', index: 2}),
    summary('unrelated', {}),
    summary('db-infra', {pod: 'db', role: 'infra', index: 0}),
    summary('web-app', {pod: 'web', role: 'member', container: 'app', index: 1}),
    summary('web-infra', {pod: 'web', role: 'infra', container: 'ignored', index: 0}),
    summary('web-cache', {pod: 'web', role: 'member', container: 'cache', index: 10}),
    summary('db-main', {pod: 'db', role: 'member', index: 1}),
  ])
  const web = pods.find((pod) => pod.name === 'web')
  const db = pods.find((pod) => pod.name === 'db')

  it('pods sorted by name', () => {
    expect(pods.map((pod) => pod.name)).toEqual(['db', 'web'])
  })

  it.each([
    {name: 'names in index order', column: () => web?.containers.map((container) => container.name), expected: [INFRA_NAME, 'app', 'sidecar', 'cache']},
    {name: 'roles', column: () => web?.containers.map((container) => container.role), expected: ['infra', 'member', 'member', 'member']},
    {name: 'indexes', column: () => web?.containers.map((container) => container.index), expected: [0, 1, 2, 10]},
    {name: 'engine names', column: () => web?.containers.map((container) => container.engineName), expected: ['web-infra', 'web-app', 'web-sidecar', 'web-cache']},
    {name: 'ids', column: () => web?.containers.map((container) => container.id), expected: ['id-web-infra', 'id-web-app', 'id-web-sidecar', 'id-web-cache']},
  ])('web pod $name', ({column, expected}) => {
    expect(column()).toEqual(expected)
  })

  it('member without name label', () => {
    expect(db?.containers.map((container) => container.name)).toEqual([INFRA_NAME, 'db-main'])
  })

  it('skips unlabelled containers', () => {
    expect(pods.flatMap((pod) => pod.containers).some((container) => container.engineName === 'unrelated')).toBe(false)
  })

  it('copies engine fields', () => {
    expect(web?.containers[1]).toEqual({
      name: 'app',
      role: 'member',
      index: 1,
      id: 'id-web-app',
      engineName: 'web-app',
      image: 'podpid-busybox:test',
      state: 'running',
      status: 'Up 2 minutes',
      volumes: [],
    })
  })

  it('no containers, no pods', () => {
    expect(groupPods([])).toEqual([])
  })
})

describe('podState', () => {
  const podOf = (...states: string[]): Pod =>
    groupPods(
      states.map((state, index) =>
        summary(`p-${index}`, {pod: 'p', role: index === 0 ? 'infra' : 'member', container: `c${index}`, index, state}),
      ),
    )[0] as Pod

  it.each([
    {name: 'all running', states: ['running', 'running', 'running'], expected: 'Running'},
    {name: 'infra only, running', states: ['running'], expected: 'Running'},
    {name: 'one member exited', states: ['running', 'exited', 'running'], expected: 'Degraded'},
    {name: 'only infra running', states: ['running', 'exited'], expected: 'Degraded'},
    {name: 'all exited', states: ['exited', 'exited'], expected: 'Exited'},
    {name: 'all created', states: ['created', 'created'], expected: 'Created'},
    {name: 'created and exited', states: ['created', 'exited'], expected: 'Exited'},
    {name: 'dead member', states: ['exited', 'dead'], expected: 'Exited'},
  ])('podState $name', ({states, expected}) => {
    expect(podState(podOf(...states))).toBe(expected)
  })
})
