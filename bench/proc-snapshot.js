// Measures how long one process snapshot of a pod takes (`snapshotPod`, the /proc pass behind `podpid ps`), and how
// the time grows with the processes in the pod and with the other processes on the host. It also times the whole
// `podpid ps POD --json` command, Node.js and oclif start-up included, and the table rendering that `ps` runs on
// each snapshot.
//
// Needs a local Docker engine, root (to read every /proc entry) and `npm run build` first. `npm run bench` does the
// build and runs this file. It creates pods named bench-pod-K and bench-load-M with --network none and
// --pull never, and removes them at the end, also after a failure or Ctrl-C. It stops without touching a pod of
// those names that already exists.
import {execFile} from 'node:child_process'
import {readdirSync} from 'node:fs'
import os from 'node:os'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {DockerEngine} from '../dist/engine.js'
import {findPod, getPod, podInfra} from '../dist/pod.js'
import {procRoot, snapshotPod} from '../dist/proc/snapshot.js'
import {renderProcesses} from '../dist/render.js'
import {BUSYBOX_IMAGE, ensureBusyboxImage} from '../scripts/images.js'

/**
 * Each case runs one measured pod whose member starts `podSleeps` background sleeps, and optionally a second pod
 * with `loadSleeps` sleeps that only adds processes elsewhere on the host.
 */
const CASES = [
  {podSleeps: 10, loadSleeps: 0},
  {podSleeps: 100, loadSleeps: 0},
  {podSleeps: 500, loadSleeps: 0},
  {podSleeps: 10, loadSleeps: 1000},
  {podSleeps: 10, loadSleeps: 3000},
]

/** Untimed snapshots before each measurement, so that JIT compilation and the first engine connection are excluded. */
const WARMUP_SNAPSHOTS = 3
const TIMED_SNAPSHOTS = 50
const TIMED_RENDERS = 10
const TIMED_CLI_RUNS = 5

const CLI_TIMEOUT_MS = 120_000
const START_POLL_INTERVAL_MS = 250
/** Bounds the wait for a pod's shell to start all its sleeps at 480 polls, 250 ms apart, so about 2 minutes. */
const START_POLLS = 480

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const RUN_JS = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const execFileAsync = promisify(execFile)

const engine = new DockerEngine()
/** Pods that this run created or may have half created. The `finally` blocks remove them. */
const createdPods = []

let interruptedBy
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interruptedBy = signal
    process.stderr.write(`bench: ${signal} received, removing the benchmark pods before exit\n`)
  })
}

function checkInterrupted() {
  if (interruptedBy) throw new Error(`interrupted by ${interruptedBy}`)
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Runs `node bin/run.js ARGS...` and returns its stdout and wall-clock time in ms. Errors carry its stderr. */
async function runCli(args) {
  const started = performance.now()
  try {
    const {stdout} = await execFileAsync(process.execPath, [RUN_JS, ...args], {
      cwd: ROOT,
      timeout: CLI_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    })
    return {stdout, ms: performance.now() - started}
  } catch (error) {
    const detail = (error.stderr || error.stdout || error.message).trim()
    throw new Error(`podpid ${args.join(' ')} failed: ${detail}`, {cause: error})
  }
}

/** Counts the process directories in /proc, which are the entries that every snapshot reads. */
function countHostProcesses() {
  return readdirSync(procRoot()).filter((entry) => /^\d+$/.test(entry)).length
}

/** Returns the value at percentile p (0-100) of the samples, by the nearest-rank method. */
function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1]
}

/**
 * Runs a pod whose member shell starts `sleeps` background sleeps and then becomes a sleep itself, and waits until
 * all of them run. The pod then has the infra's PID 1 plus `sleeps + 1` sleep processes.
 */
async function runSleepPod(name, sleeps) {
  if (await findPod(engine, name)) {
    throw new Error(
      `pod '${name}' already exists, maybe from an interrupted benchmark: remove it with ` +
        `'node bin/run.js rm ${name} --time 1' and run the benchmark again`,
    )
  }

  createdPods.push(name)
  const script = `i=0; while [ $i -lt ${sleeps} ]; do sleep 3600 & i=$((i+1)); done; exec sleep 3600`
  await runCli([
    'run',
    name,
    '-c',
    `app=${BUSYBOX_IMAGE}`,
    '--cmd',
    `app=sh -c '${script}'`,
    '--network',
    'none',
    '--pull',
    'never',
  ])

  const pod = await getPod(engine, name)
  let sleepProcesses = 0
  for (let poll = 0; poll < START_POLLS; poll++) {
    checkInterrupted()
    const processes = await snapshotPod(engine, pod)
    sleepProcesses = processes.filter((process) => process.command === 'sleep').length
    if (sleepProcesses === sleeps + 1) return pod
    await sleep(START_POLL_INTERVAL_MS)
  }

  throw new Error(
    `pod '${name}' has ${sleepProcesses} sleep processes after ${(START_POLLS * START_POLL_INTERVAL_MS) / 1000} s, ` +
      `expected ${sleeps + 1}: check the pids limit of the engine and the host (ulimit -u, kernel.pid_max)`,
  )
}

/**
 * Times snapshotPod and, for comparison, the engine inspect call inside it, then the tree table that `ps` renders
 * from the snapshot, then the whole `ps --json` command.
 */
async function measurePod(pod) {
  const infra = podInfra(pod)
  for (let i = 0; i < WARMUP_SNAPSHOTS; i++) await snapshotPod(engine, pod)

  const snapshotMs = []
  const inspectMs = []
  const hostProcesses = countHostProcesses()
  let processes = []
  for (let i = 0; i < TIMED_SNAPSHOTS; i++) {
    checkInterrupted()
    let started = performance.now()
    processes = await snapshotPod(engine, pod)
    snapshotMs.push(performance.now() - started)

    started = performance.now()
    await engine.inspectContainer(infra.id)
    inspectMs.push(performance.now() - started)
  }

  const containerOrder = pod.containers.map((container) => container.name)
  const renderMs = []
  for (let i = 0; i < TIMED_RENDERS; i++) {
    const started = performance.now()
    renderProcesses(processes, false, containerOrder)
    renderMs.push(performance.now() - started)
  }

  const podProcesses = processes.length
  const cliMs = []
  for (let i = 0; i < TIMED_CLI_RUNS; i++) {
    checkInterrupted()
    const {stdout, ms} = await runCli(['ps', pod.name, '--json'])
    const listed = JSON.parse(stdout).processes.length
    if (listed !== podProcesses) {
      throw new Error(`podpid ps ${pod.name} --json listed ${listed} processes, but snapshotPod returned ${podProcesses}`)
    }

    cliMs.push(ms)
  }

  return {podProcesses, hostProcesses, snapshotMs, inspectMs, renderMs, cliMs}
}

async function measureCliStartup() {
  const startupMs = []
  for (let i = 0; i < TIMED_CLI_RUNS; i++) {
    checkInterrupted()
    startupMs.push((await runCli(['--version'])).ms)
  }

  return startupMs
}

async function removeCreatedPods() {
  while (createdPods.length > 0) {
    const name = createdPods.pop()
    try {
      if (await findPod(engine, name)) await runCli(['rm', name, '--time', '1'])
    } catch (error) {
      process.stderr.write(`bench: failed to remove pod '${name}': ${error.message}. Remove it with 'node bin/run.js rm ${name} --time 1'\n`)
      process.exitCode = 1
    }
  }
}

const formatMs = (ms) => ms.toFixed(1)

function printMachine() {
  const cpus = os.cpus()
  console.log(`Node.js ${process.version}, Linux ${os.release()}, ${os.availableParallelism()} CPUs (${cpus[0]?.model ?? 'unknown model'})`)
  // Other work on the host slows every column, so the output records how busy the host was.
  console.log(`Load average (1, 5, 15 min) at start: ${os.loadavg().map((load) => load.toFixed(2)).join(', ')}`)
  console.log(
    `${TIMED_SNAPSHOTS} timed snapshots after ${WARMUP_SNAPSHOTS} untimed ones, ${TIMED_RENDERS} timed renders ` +
      `and ${TIMED_CLI_RUNS} timed CLI runs per case. Percentiles are by nearest rank.`,
  )
  console.log('')
}

function printRow(cells) {
  console.log(`| ${cells.join(' | ')} |`)
}

async function main() {
  printMachine()
  await ensureBusyboxImage(engine)

  const startupMs = await measureCliStartup()
  console.log(`\`podpid --version\` (CLI start-up only): median ${formatMs(percentile(startupMs, 50))} ms, max ${formatMs(percentile(startupMs, 100))} ms`)
  console.log('')

  printRow([
    'pod sleeps',
    'other sleeps',
    'pod processes',
    'host processes',
    'snapshotPod median ms',
    'snapshotPod p95 ms',
    'inspect median ms',
    'render median ms',
    '`ps --json` median ms',
    '`ps --json` max ms',
  ])
  printRow(Array(10).fill('---:'))

  for (const {podSleeps, loadSleeps} of CASES) {
    checkInterrupted()
    process.stderr.write(`bench: pod with ${podSleeps} sleeps, ${loadSleeps} other sleeps on the host\n`)
    const loadName = `bench-load-${loadSleeps}`
    const podName = `bench-pod-${podSleeps}`
    try {
      if (loadSleeps > 0) await runSleepPod(loadName, loadSleeps)
      const pod = await runSleepPod(podName, podSleeps)
      const result = await measurePod(pod)
      printRow([
        podSleeps,
        loadSleeps,
        result.podProcesses,
        result.hostProcesses,
        formatMs(percentile(result.snapshotMs, 50)),
        formatMs(percentile(result.snapshotMs, 95)),
        formatMs(percentile(result.inspectMs, 50)),
        formatMs(percentile(result.renderMs, 50)),
        formatMs(percentile(result.cliMs, 50)),
        formatMs(percentile(result.cliMs, 100)),
      ])
    } finally {
      // Each case removes its pods, so that the next case starts from the host's own processes.
      await removeCreatedPods()
    }
  }
}

try {
  await main()
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n`)
  process.exitCode = 1
} finally {
  await removeCreatedPods()
}
