import {readFileSync} from 'node:fs'
import {expect, it} from 'vitest'
import {ExitCode, PodpidError} from '../../src/errors.js'
import type {PodProcess} from '../../src/proc/process.js'

const FIXTURES = new URL('../fixtures/', import.meta.url)

/** Reads a fixture file as text, by its path under test/fixtures. */
export function readFixture(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8')
}

/** Runs `action` and returns what it threw, or fails the test when it returned. */
export function thrownBy(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }

  throw new Error('expected an error, but the call returned')
}

/**
 * Declares the tests that `action` fails as a usage error (PodpidError, exit code 2) whose message contains
 * `fragment`. Call it inside a `describe` block. Each test calls `action` itself, so an action that stops throwing
 * fails these tests and leaves the rest of the file to run.
 */
export function declareUsageErrorTests(action: () => unknown, fragment: string): void {
  it('is a PodpidError', () => {
    expect(thrownBy(action)).toBeInstanceOf(PodpidError)
  })

  it('has usage exit code', () => {
    expect((thrownBy(action) as PodpidError).exitCode).toBe(ExitCode.usage)
  })

  it('message names the input', () => {
    expect((thrownBy(action) as Error).message).toContain(fragment)
  })
}

/** Builds a pod process with plausible defaults, so that each test states only the fields it depends on. */
export function podProcess(fields: Partial<PodProcess> & Pick<PodProcess, 'pid'>): PodProcess {
  return {
    hostPid: fields.pid + 5000,
    ppid: 0,
    state: 'S',
    container: 'app',
    uid: 0,
    user: 'root',
    command: 'sh',
    args: [],
    elapsedSeconds: 10,
    startTicks: 1000 + fields.pid,
    ...fields,
  }
}
