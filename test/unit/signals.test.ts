import {constants} from 'node:os'
import {describe, expect, it} from 'vitest'
import {parseSignal} from '../../src/signals.js'
import {declareUsageErrorTests} from './helpers.js'

// Node's table of signal numbers comes from the C headers that Node was built with, not from podpid.
const nodeSignals = constants.signals as Record<string, number>

describe('parseSignal', () => {
  it.each([
    {input: 'HUP', name: 'HUP', number: 1},
    {input: 'SIGHUP', name: 'HUP', number: 1},
    {input: 'sighup', name: 'HUP', number: 1},
    {input: ' hup ', name: 'HUP', number: 1},
    {input: 'SigTerm', name: 'TERM', number: 15},
    {input: 'KILL', name: 'KILL', number: 9},
    {input: 'USR1', name: 'USR1', number: 10},
    {input: 'CHLD', name: 'CHLD', number: 17},
    {input: 'SYS', name: 'SYS', number: 31},
    {input: '1', name: 'HUP', number: 1},
    {input: '15', name: 'TERM', number: 15},
    {input: '31', name: 'SYS', number: 31},
    {input: '34', name: '34', number: 34},
    {input: '64', name: '64', number: 64},
    {input: 'IOT', name: 'ABRT', number: 6},
    {input: 'SIGIOT', name: 'ABRT', number: 6},
    {input: 'CLD', name: 'CHLD', number: 17},
    {input: 'POLL', name: 'IO', number: 29},
    {input: 'RTMIN', name: '34', number: 34},
    {input: 'SIGRTMIN+2', name: '36', number: 36},
    {input: 'rtmax-1', name: '63', number: 63},
    {input: 'SIGRTMAX', name: '64', number: 64},
  ])("parseSignal '$input'", ({input, name, number}) => {
    expect(parseSignal(input)).toEqual({name, number})
  })

  // Linux on x86 and arm shares one numbering, so there the table must match Node's.
  const sharesNumbering = process.platform === 'linux' && ['x64', 'ia32', 'arm64', 'arm'].includes(process.arch)

  const standardSignals = 'HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH IO PWR SYS'

  it.runIf(sharesNumbering).each(standardSignals.split(' '))('parseSignal %s matches libc', (name) => {
    expect(parseSignal(name).number).toBe(nodeSignals[`SIG${name}`])
  })

  describe.each([
    {input: 'BOGUS'},
    {input: '0'},
    {input: '65'},
    {input: ''},
    {input: '   '},
    {input: 'SIG'},
    {input: '-9'},
    {input: '1.5'},
    {input: 'RTMIN-1'},
    {input: 'RTMAX+1'},
    {input: 'RTMIN+'},
    {input: '32'},
    {input: '33'},
    {input: 'constructor'},
  ])("parseSignal rejects '$input'", ({input}) => {
    declareUsageErrorTests(() => parseSignal(input), `'${input}'`)
  })
})
