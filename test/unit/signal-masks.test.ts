import {describe, expect, it} from 'vitest'
import {parseStatus} from '../../src/proc/parse.js'
import {initDropsSignal, parseSignal} from '../../src/signals.js'

// Masks as /proc/PID/status prints them: 16 hex digits, bit N - 1 for signal N.
const status = (masks: {blocked?: string; ignored?: string; caught?: string}) =>
  parseStatus(
    [
      'Name:\tcatatonit',
      'Pid:\t4242',
      `SigBlk:\t${masks.blocked ?? '0000000000000000'}`,
      `SigIgn:\t${masks.ignored ?? '0000000000000000'}`,
      `SigCgt:\t${masks.caught ?? '0000000000000000'}`,
    ].join('\n'),
  )

describe('parseStatus signal masks', () => {
  it('reads the three masks', () => {
    const fields = status({blocked: 'fffffffe7ffbfeff', ignored: '0000000000001000', caught: '0000000000004002'})
    expect(fields.signalsBlocked).toBe(0xfffffffe7ffbfeffn)
    expect(fields.signalsIgnored).toBe(0x1000n)
    expect(fields.signalsCaught).toBe(0x4002n)
  })

  it('missing masks read as empty', () => {
    const fields = parseStatus('Name:\tsh\nPid:\t1\n')
    expect(fields.signalsBlocked).toBe(0n)
    expect(fields.signalsCaught).toBe(0n)
  })
})

describe('initDropsSignal', () => {
  // catatonit -P 0.1.7 blocks the signals it reads from a signalfd: this mask was recorded from its status on Linux 6.18.
  const catatonit = status({blocked: 'fffffffe3ffbfa07'})
  // A shell that traps HUP (bit 0) and TERM (bit 14) and nothing else.
  const trapping = status({caught: '0000000000004001'})
  const bare = status({})

  it.each([
    {name: 'KILL to a blocking init', signal: 'KILL', masks: catatonit, dropped: true},
    {name: 'STOP to a blocking init', signal: 'STOP', masks: catatonit, dropped: true},
    {name: 'TERM to a blocking init', signal: 'TERM', masks: catatonit, dropped: false},
    {name: 'HUP to a blocking init', signal: 'HUP', masks: catatonit, dropped: false},
    {name: 'HUP to a trapping init', signal: 'HUP', masks: trapping, dropped: false},
    {name: 'USR1 to a trapping init', signal: 'USR1', masks: trapping, dropped: true},
    {name: 'TERM to a bare init', signal: 'TERM', masks: bare, dropped: true},
    {name: 'RTMAX to a blocking init', signal: 'RTMAX', masks: catatonit, dropped: false},
  ])('$name', ({signal, masks, dropped}) => {
    expect(initDropsSignal(parseSignal(signal), masks)).toBe(dropped)
  })
})
