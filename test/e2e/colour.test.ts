import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {BUSYBOX, OFFLINE, podpid, removePods, uniqueName} from './helpers.js'

const POD = uniqueName('e2e-colour')
const ESCAPE = '\u001B['

describe('colours', () => {
  beforeAll(async () => {
    await removePods(POD)
    expect((await podpid(['run', POD, '-c', `app=${BUSYBOX}`, '--cmd', 'app=sleep 3600', ...OFFLINE])).exitCode).toBe(0)
  })

  afterAll(() => removePods(POD))

  it('forced colour styles the table', async () => {
    const ls = await podpid(['ls'], {NO_COLOR: '', FORCE_COLOR: '1'})
    expect(ls.stdout).toContain(`${ESCAPE}1mPOD`)
  })

  it('NO_COLOR wins over forced colour', async () => {
    const ls = await podpid(['ls'], {NO_COLOR: '1', FORCE_COLOR: '1'})
    expect(ls.stdout).toMatch(/^POD\s+STATE/)
    expect(ls.stdout).not.toContain(ESCAPE)
  })

  it('pipe gets no colour', async () => {
    const ls = await podpid(['ls'], {NO_COLOR: ''})
    expect(ls.stdout).not.toContain(ESCAPE)
  })
})
