import {PodpidError, ExitCode} from './errors.js'

const UNIT_MILLISECONDS: Readonly<Record<string, number>> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000}

/**
 * Parses a duration such as `500ms`, `2s`, `1m` or a bare number of seconds, and returns milliseconds. Durations
 * over `maxMilliseconds` are rejected.
 */
export function parseDuration(input: string, maxMilliseconds = Number.MAX_SAFE_INTEGER): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(input.trim())
  if (!match) {
    throw new PodpidError(`invalid duration '${input}': use a number of seconds, or a number with a unit such as 500ms, 2s or 1m`, ExitCode.usage)
  }

  const milliseconds = Math.round(Number(match[1]) * (UNIT_MILLISECONDS[match[2] ?? 's'] as number))
  if (milliseconds > maxMilliseconds) {
    throw new PodpidError(`invalid duration '${input}': use at most ${formatDuration(maxMilliseconds)}`, ExitCode.usage)
  }

  return milliseconds
}

/** Formats milliseconds in the largest unit that `parseDuration` reads back exactly: `1h`, `90s`, `500ms`. */
export function formatDuration(milliseconds: number): string {
  for (const unit of ['h', 'm', 's'] as const) {
    const size = UNIT_MILLISECONDS[unit] as number
    if (milliseconds >= size && milliseconds % size === 0) return `${milliseconds / size}${unit}`
  }

  return `${milliseconds}ms`
}

/** Formats seconds the way `ps -o etime` does: `[[DD-]hh:]mm:ss`. */
export function formatElapsed(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds))
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  const two = (n: number) => String(n).padStart(2, '0')

  const clock = `${two(minutes)}:${two(rest)}`
  if (days > 0) return `${days}-${two(hours)}:${clock}`
  if (hours > 0) return `${two(hours)}:${clock}`
  return clock
}
