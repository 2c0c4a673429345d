// The main job in one run: builds the local images, runs a pod whose app writes a log that its sidecar rotates,
// prints the pod's process tree, signals the app from the sidecar, reports zombies and removes the pod.
// `npm run demo` builds podpid first. It needs a running engine, which scripts/engine.sh up starts.
import {execFileSync} from 'node:child_process'
import {setTimeout as sleep} from 'node:timers/promises'
import {BUSYBOX_IMAGE, ensureBusyboxImage} from './images.js'

const POD = 'demo'
const BIN = new URL('../bin/run.js', import.meta.url).pathname

/** Runs podpid, echoing the command line; returns its exit code, since `zombies` exits 7 when it finds some. */
function podpid(...args) {
  console.log(`\n$ podpid ${args.map((arg) => (/[\s'"&;]/.test(arg) ? `'${arg.replaceAll("'", "'\\''")}'` : arg)).join(' ')}`)
  try {
    execFileSync('node', [BIN, ...args], {stdio: 'inherit'})
    return 0
  } catch (error) {
    if (typeof error.status !== 'number') throw error
    return error.status
  }
}

/** Runs a command inside one of the pod's containers, through podpid's own engine module. */
async function inContainer(engine, container, cmd) {
  const [summary] = await engine.listContainers([`io.podpid.pod=${POD}`, `io.podpid.container=${container}`])
  return engine.exec(summary.id, cmd)
}

const {DockerEngine} = await import('../dist/engine.js')
const engine = new DockerEngine()
console.log(`Building local images (nothing is pulled): ${await ensureBusyboxImage(engine)}`)

// The app appends to /logs/app.log and reopens it on HUP. The worker leaves a zombie behind, because its shell
// execs into sleep, which never waits for the `sleep 1` child.
const app = `sh -c 'exec 3>>/logs/app.log; trap "exec 3>>/logs/app.log; echo reopened >&3" HUP; while true; do echo tick >&3; usleep 200000; done'`
const worker = "sh -c 'sleep 1 & exec sleep 3600'"

let exitCode = podpid(
  'run', POD,
  '-c', `app=${BUSYBOX_IMAGE}`, '-c', `sidecar=${BUSYBOX_IMAGE}`, '-c', `worker=${BUSYBOX_IMAGE}`,
  '--cmd', `app=${app}`, '--cmd', 'sidecar=sleep 3600', '--cmd', `worker=${worker}`,
  '--volume', 'app=demo-logs:/logs', '--volume', 'sidecar=demo-logs:/logs',
  '--network', 'none', '--pull', 'never',
)
if (exitCode !== 0) process.exit(exitCode)

try {
  // Long enough for the worker's `sleep 1` to exit and become a zombie.
  await sleep(1500)
  podpid('ps', POD)

  console.log('\n# The sidecar rotates the log, then tells the app to reopen it.')
  await inContainer(engine, 'sidecar', ['mv', '/logs/app.log', '/logs/app.log.1'])
  exitCode = podpid('kill', POD, 'app', '--from', 'sidecar', '--signal', 'HUP')
  await sleep(500)
  const fresh = await inContainer(engine, 'sidecar', ['head', '-n', '2', '/logs/app.log'])
  console.log(`First lines of the new /logs/app.log:\n${fresh.stdout.trimEnd()}`)

  const zombies = podpid('zombies', POD)
  console.log(`(zombies exited with ${zombies}: 0 means none, 7 means some were found; the worker's is expected)`)
} finally {
  podpid('rm', POD, '--time', '1')
}

process.exit(exitCode)
