import {describe, expect, it} from 'vitest'
import {formatElapsed, parseDuration} from '../../src/duration.js'
import {declareUsageErrorTests} from './helpers.js'

describe('parseDuration', () => {
  it.each([
    {input: '500ms', milliseconds: 500},
    {input: '2s', milliseconds: 2000},
    {input: '1.5s', milliseconds: 1500},
    {input: '1m', milliseconds: 60_000},
    {input: '1h', milliseconds: 3_600_000},
    {input: '3', milliseconds: 3000},
    {input: '0.25', milliseconds: 250},
    {input: '0', milliseconds: 0},
    {input: ' 2s ', milliseconds: 2000},
    {input: '1.5ms', milliseconds: 2},
  ])("parseDuration '$input'", ({input, milliseconds}) => {
    expect(parseDuration(input)).toBe(milliseconds)
  })

  describe.each([
    {input: ''},
    {input: 'abc'},
    {input: '-1s'},
    {input: '1d'},
    {input: '2 s'},
    {input: '.5s'},
    {input: '1.5.2s'},
    {input: 'ms'},
    {input: '1e3'},
    {input: 'Infinity'},
  ])("parseDuration rejects '$input'", ({input}) => {
    declareUsageErrorTests(() => parseDuration(input), `'${input}'`)
  })
})

describe('formatElapsed', () => {
  // The format of `ps -o etime`: [[DD-]hh:]mm:ss.
  it.each([
    {seconds: 0, text: '00:00'},
    {seconds: 59, text: '00:59'},
    {seconds: 59.9, text: '00:59'},
    {seconds: 61, text: '01:01'},
    {seconds: 3599, text: '59:59'},
    {seconds: 3600, text: '01:00:00'},
    {seconds: 86_399, text: '23:59:59'},
    {seconds: 86_400, text: '1-00:00:00'},
    {seconds: 90_061, text: '1-01:01:01'},
    {seconds: 100 * 86_400 + 5, text: '100-00:00:05'},
    {seconds: -5, text: '00:00'},
  ])('formatElapsed $seconds', ({seconds, text}) => {
    expect(formatElapsed(seconds)).toBe(text)
  })
})
