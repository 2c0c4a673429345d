import {describe, expect, it} from 'vitest'
import {INFRA_NAME} from '../../src/labels.js'
import {engineContainerName, parseContainerOption, parseContainerSpec, validateImage, validateName} from '../../src/names.js'
import {declareUsageErrorTests, thrownBy} from './helpers.js'

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`

describe('validateName', () => {
  it.each([
    {name: 'letters', input: 'web'},
    {name: 'single character', input: 'a'},
    {name: 'single digit', input: '7'},
    {name: 'digits and dashes', input: 'app-2-b'},
    {name: 'leading digit', input: '1app'},
    {name: 'double dash', input: 'a--b'},
    {name: '63 characters', input: 'a'.repeat(63)},
  ])('validateName accepts $name', ({input}) => {
    expect(validateName('pod', input)).toBe(input)
  })

  describe.each([
    {name: 'uppercase', input: 'Web'},
    {name: 'underscore', input: 'my_app'},
    {name: 'leading dash', input: '-app'},
    {name: 'trailing dash', input: 'app-'},
    {name: 'dot', input: 'app.v1'},
    {name: 'space', input: 'my app'},
    {name: 'empty', input: ''},
    {name: '64 characters', input: 'a'.repeat(64)},
  ])('validateName rejects $name', ({input}) => {
    declareUsageErrorTests(() => validateName('container', input), `'${input}'`)
  })

  it('names the kind', () => {
    expect((thrownBy(() => validateName('container', 'A')) as Error).message).toContain('invalid container name')
  })
})

describe('engineContainerName', () => {
  it.each([
    {pod: 'web', container: 'app', expected: 'web_app'},
    {pod: 'web', container: INFRA_NAME, expected: 'web_infra'},
    {pod: 'web-a', container: 'pp', expected: 'web-a_pp'},
    {pod: 'web', container: 'a-pp', expected: 'web_a-pp'},
  ])('engine name $expected', ({pod, container, expected}) => {
    expect(engineContainerName(pod, container)).toBe(expected)
  })
})

describe('parseContainerSpec', () => {
  it.each([
    {spec: 'app=busybox:1.36', name: 'app', image: 'busybox:1.36'},
    {spec: 'app=busybox', name: 'app', image: 'busybox'},
    {spec: `db=reg.example:5000/team/img@${DIGEST}`, name: 'db', image: `reg.example:5000/team/img@${DIGEST}`},
  ])("parseContainerSpec '$spec'", ({spec, name, image}) => {
    expect(parseContainerSpec(spec)).toEqual({name, image})
  })

  describe.each([
    {name: 'missing =', spec: 'busybox', quoted: 'busybox'},
    {name: 'empty name', spec: '=busybox', quoted: '=busybox'},
    {name: 'empty image', spec: 'app=', quoted: 'app='},
    {name: 'empty spec', spec: '', quoted: ''},
    {name: 'invalid name', spec: 'App=busybox', quoted: 'App'},
    {name: 'reserved name infra', spec: `${INFRA_NAME}=busybox`, quoted: INFRA_NAME},
    {name: "image with '='", spec: 'app=img=odd', quoted: 'img=odd'},
  ])('parseContainerSpec rejects $name', ({spec, quoted}) => {
    declareUsageErrorTests(() => parseContainerSpec(spec), `'${quoted}'`)
  })
})

describe('parseContainerOption', () => {
  const members = new Set(['app', 'sidecar'])

  it.each([
    {option: "app=sh -c 'sleep 1'", name: 'app', value: "sh -c 'sleep 1'"},
    {option: 'sidecar=KEY=a=b', name: 'sidecar', value: 'KEY=a=b'},
    {option: 'app=/data:/var/lib/data', name: 'app', value: '/data:/var/lib/data'},
  ])("parseContainerOption '$option'", ({option, name, value}) => {
    expect(parseContainerOption('cmd', option, members)).toEqual({name, value})
  })

  describe.each([
    {name: 'missing =', option: 'app'},
    {name: 'empty name', option: '=sleep 1'},
    {name: 'unknown container', option: 'db=sleep 1'},
    {name: 'infra container', option: `${INFRA_NAME}=sleep 1`},
  ])('parseContainerOption rejects $name', ({option}) => {
    declareUsageErrorTests(() => parseContainerOption('env', option, members), `'${option}'`)
  })

  it.each([
    {name: 'flag', fragment: '--env'},
    {name: 'members', fragment: 'app, sidecar'},
  ])('unknown container error names $name', ({fragment}) => {
    expect((thrownBy(() => parseContainerOption('env', 'db=X=1', members)) as Error).message).toContain(fragment)
  })
})

describe('validateImage', () => {
  it.each([
    'busybox',
    'busybox:1.36',
    'podpid-busybox:test',
    'library/busybox:latest',
    'registry.k8s.io/pause:3.10',
    'localhost:5000/team/app:v2',
    'my_org/app__name:Tag-1.0',
    `nginx@${DIGEST}`,
    `reg.example:5000/team/img:v1@${DIGEST}`,
  ])("validateImage accepts '%s'", (reference) => {
    expect(validateImage(reference)).toBe(reference)
  })

  describe.each([
    {name: 'space', reference: 'Bad Image'},
    {name: 'upper-case repository', reference: 'BAD:test'},
    {name: 'empty tag', reference: 'busybox:'},
    {name: 'empty component', reference: 'a//b'},
    {name: 'short digest', reference: 'nginx@sha256:abc'},
    {name: 'tag over 128 characters', reference: `busybox:${'t'.repeat(129)}`},
    {name: 'leading separator', reference: '-busybox'},
  ])('validateImage rejects $name', ({reference}) => {
    declareUsageErrorTests(() => validateImage(reference), `'${reference}'`)
  })
})
