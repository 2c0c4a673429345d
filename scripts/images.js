// Builds the local busybox image that the tests and the demo run as pod members, from the host's static busybox
// (Debian package busybox-static). Nothing is pulled. Run with `node scripts/images.js` after `npm run build`.
import {execFileSync} from 'node:child_process'
import {DockerEngine} from '../dist/engine.js'
import {buildScratchImage} from '../dist/images.js'

export const BUSYBOX_IMAGE = 'podpid-busybox:test'

const BUSYBOX_PATH = process.env.PODPID_BUSYBOX || '/bin/busybox'

/** Builds BUSYBOX_IMAGE unless the engine has it: busybox plus one link per applet, and a /tmp. */
export async function ensureBusyboxImage(engine = new DockerEngine()) {
  if (await engine.imageExists(BUSYBOX_IMAGE)) return BUSYBOX_IMAGE

  const applets = execFileSync(BUSYBOX_PATH, ['--list'], {encoding: 'utf8'}).split('\n').filter(Boolean)
  await buildScratchImage(engine, {
    tag: BUSYBOX_IMAGE,
    entries: [
      {path: '/bin/busybox', hostPath: BUSYBOX_PATH, mode: 0o755},
      ...applets.filter((applet) => applet !== 'busybox').map((applet) => ({path: `/bin/${applet}`, linkTarget: 'busybox'})),
      {path: '/tmp', directory: true},
    ],
    cmd: ['sh'],
  })
  return BUSYBOX_IMAGE
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await ensureBusyboxImage())
}
