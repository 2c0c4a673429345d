import {PodpidError, ExitCode} from './errors.js'

/** Linux signal numbers on x86 and arm, from signal(7). */
const SIGNAL_NUMBERS: Readonly<Record<string, number>> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  TRAP: 5,
  ABRT: 6,
  BUS: 7,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  STKFLT: 16,
  CHLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
  TTIN: 21,
  TTOU: 22,
  URG: 23,
  XCPU: 24,
  XFSZ: 25,
  VTALRM: 26,
  PROF: 27,
  WINCH: 28,
  IO: 29,
  PWR: 30,
  SYS: 31,
}

const ALIASES: Readonly<Record<string, string>> = {IOT: 'ABRT', POLL: 'IO', CLD: 'CHLD'}

export interface Signal {
  /** Name without the SIG prefix, as `kill -s` takes it: `HUP`. */
  name: string
  number: number
}

/** Range of the real-time signals that glibc offers applications: SIGRTMIN is 34 and SIGRTMAX 64 on Linux. */
const RTMIN = 34
const RTMAX = 64

/**
 * Parses a signal given as a name with or without `SIG` (`HUP`, `SIGHUP`, `sighup`), as a number (`1`), or as a
 * real-time signal (`RTMIN`, `RTMIN+2`, `SIGRTMAX-1`, `34`).
 */
export function parseSignal(input: string): Signal {
  const text = input.trim()

  if (/^\d+$/.test(text)) {
    const number = Number(text)
    const name = Object.keys(SIGNAL_NUMBERS).find((key) => SIGNAL_NUMBERS[key] === number)
    if (name) return {name, number}
    if (number >= RTMIN && number <= RTMAX) return {name: String(number), number}
    throw invalidSignal(input)
  }

  let name = text.toUpperCase()
  if (name.startsWith('SIG')) name = name.slice(3)
  name = ALIASES[name] ?? name

  const realTime = /^RT(MIN|MAX)(?:([+-])(\d+))?$/.exec(name)
  if (realTime) {
    const base = realTime[1] === 'MIN' ? RTMIN : RTMAX
    const offset = realTime[3] === undefined ? 0 : Number(realTime[3]) * (realTime[2] === '-' ? -1 : 1)
    const number = base + offset
    if (number < RTMIN || number > RTMAX) throw invalidSignal(input)
    // kill(1) and the engine take real-time signals by number.
    return {name: String(number), number}
  }

  const number = SIGNAL_NUMBERS[name]
  if (number === undefined) throw invalidSignal(input)
  return {name, number}
}

/**
 * Tells whether the kernel drops a signal sent to a PID namespace's init (pod PID 1) from inside that namespace,
 * as `kill --from` does. Such a signal is dropped when it is KILL or STOP, or when the init neither catches nor
 * blocks it, since the default action is not applied to an init (see pid_namespaces(7)). A blocked signal stays
 * pending for the init to read, as catatonit does with signalfd.
 */
export function initDropsSignal(signal: Signal, masks: {signalsBlocked: bigint; signalsCaught: bigint}): boolean {
  if (signal.number === SIGNAL_NUMBERS.KILL || signal.number === SIGNAL_NUMBERS.STOP) return true
  const bit = 1n << BigInt(signal.number - 1)
  return (masks.signalsCaught & bit) === 0n && (masks.signalsBlocked & bit) === 0n
}

function invalidSignal(input: string): PodpidError {
  return new PodpidError(
    `invalid signal '${input}': use a name such as HUP, SIGTERM, USR1 or RTMIN+1, or a number from 1 to 31 or 34 to 64`,
    ExitCode.usage,
  )
}
