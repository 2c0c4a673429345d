import {Flags} from '@oclif/core'
import {formatDuration, parseDuration} from './duration.js'
import {ExitCode, PodpidError} from './errors.js'
import {parseSignal, type Signal} from './signals.js'

/** Creates a signal flag that takes `HUP`, `SIGHUP` or `1` and yields one Signal before any engine call. */
export function signalFlag(options: {description: string; defaultSignal: string}) {
  return Flags.custom<Signal>({
    char: 's',
    description: options.description,
    default: parseSignal(options.defaultSignal),
    defaultHelp: async () => options.defaultSignal,
    helpValue: '<signal>',
    parse: async (input) => parseSignal(input),
  })()
}

/**
 * Creates a duration flag that takes `500ms`, `2s`, `1m` or a number of seconds, and yields milliseconds. Its help
 * shows the default in the same notation.
 */
export function durationFlag(options: {description: string; defaultMilliseconds: number; maxMilliseconds: number}) {
  return Flags.custom<number>({
    description: options.description,
    default: options.defaultMilliseconds,
    defaultHelp: async () => formatDuration(options.defaultMilliseconds),
    helpValue: '<duration>',
    parse: async (input) => parseDuration(input, options.maxMilliseconds),
  })()
}

/** Creates a flag for a whole number from `min` to `max`, whose error names the flag and the range. */
export function boundedIntegerFlag(options: {name: string; description: string; min: number; max: number; default?: number; exclusive?: string[]}) {
  return Flags.custom<number>({
    description: options.description,
    default: options.default,
    exclusive: options.exclusive,
    helpValue: '<integer>',
    parse: async (input) => {
      const value = Number(input)
      if (!/^\d+$/.test(input.trim()) || value < options.min || value > options.max) {
        throw new PodpidError(
          `invalid --${options.name} '${input}': use a whole number from ${options.min} to ${options.max}`,
          ExitCode.usage,
        )
      }

      return value
    },
  })()
}
