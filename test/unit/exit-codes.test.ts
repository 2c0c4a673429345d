// Scripts rely on the exit codes that the README documents, so the README's table and ExitCode must list the same
// codes.
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {ExitCode} from '../../src/errors.js'

/** Returns the codes in the first column of the README's "Exit codes" table, in the order listed. */
function readmeExitCodes(): number[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const start = readme.search(/^#+ Exit codes$/m)
  if (start < 0) return []

  // The section ends at the next heading of any level.
  const section = readme.slice(start).split('\n').slice(1)
  const end = section.findIndex((line) => line.startsWith('#'))
  const lines = end < 0 ? section : section.slice(0, end)

  return lines.flatMap((line) => {
    const match = /^\|\s*(\d+)\s*\|/.exec(line)
    return match ? [Number(match[1])] : []
  })
}

describe('exit codes', () => {
  const documented = readmeExitCodes()
  const defined = Object.entries(ExitCode)

  it('README has exit codes table', () => {
    expect(documented.length).toBeGreaterThan(0)
  })

  it('README lists each code once', () => {
    expect(documented.filter((code, index) => documented.indexOf(code) !== index)).toEqual([])
  })

  it.each(defined)('ExitCode.%s (%i) is in README', (_name, code) => {
    expect(documented).toContain(code)
  })

  it.each(documented)('README code %i is in ExitCode', (code) => {
    expect(Object.values(ExitCode)).toContain(code)
  })
})
