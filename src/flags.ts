import {Flags} from '@oclif/core'
import {parseDuration} from './duration.js'
import {parseSignal, type Signal} from './signals.js'

/** A signal flag that takes `HUP`, `SIGHUP` or `1` and yields one Signal before any engine call. */
export const signalFlag = Flags.custom<Signal>({
  helpValue: '<signal>',
  parse: async (input) => parseSignal(input),
})

/** A duration flag that takes `500ms`, `2s`, `1m` or a number of seconds, and yields milliseconds. */
export const durationFlag = Flags.custom<number>({
  helpValue: '<duration>',
  parse: async (input) => parseDuration(input),
})
