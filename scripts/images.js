// Builds the local busybox images that the tests and the demo run: podpid-busybox:test, whose command is sh, and
// podpid-busybox-sleep:test, a pause image that does not reap. Both come from the host's static busybox (Debian
// package busybox-static), so nothing is pulled. Run with `node scripts/images.js` after `npm run build`.
import {execFileSync} from 'node:child_process'
import {DockerEngine} from '../dist/engine.js'
import {buildScratchImage} from '../dist/images.js'

export const BUSYBOX_IMAGE = 'podpid-busybox:test'

/** The same busybox with `sleep` as its command: a pause process that does not reap, to test that verdict. */
export const SLEEPING_INFRA_IMAGE = 'podpid-busybox-sleep:test'

const BUSYBOX_PATH = process.env.PODPID_BUSYBOX || '/bin/busybox'

/** Builds BUSYBOX_IMAGE unless the engine has it: busybox plus one link per applet, and a /tmp. */
export async function ensureBusyboxImage(engine = new DockerEngine()) {
  await ensureBusyboxVariant(engine, BUSYBOX_IMAGE, ['sh'])
  return BUSYBOX_IMAGE
}

/** Builds SLEEPING_INFRA_IMAGE unless the engine has it. */
export async function ensureSleepingInfraImage(engine = new DockerEngine()) {
  await ensureBusyboxVariant(engine, SLEEPING_INFRA_IMAGE, ['sleep', '86400'])
  return SLEEPING_INFRA_IMAGE
}

async function ensureBusyboxVariant(engine, tag, cmd) {
  if (await engine.imageExists(tag)) return

  const applets = execFileSync(BUSYBOX_PATH, ['--list'], {encoding: 'utf8'}).split('\n').filter(Boolean)
  await buildScratchImage(engine, {
    tag,
    entries: [
      {path: '/bin/busybox', hostPath: BUSYBOX_PATH, mode: 0o755},
      ...applets.filter((applet) => applet !== 'busybox').map((applet) => ({path: `/bin/${applet}`, linkTarget: 'busybox'})),
      {path: '/tmp', directory: true},
    ],
    cmd,
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const engine = new DockerEngine()
  console.log(await ensureBusyboxImage(engine))
  console.log(await ensureSleepingInfraImage(engine))
}
