import chalk from 'chalk'
import Table from 'cli-table3'
import {formatElapsed} from './duration.js'
import {podState, type Pod} from './pod.js'
import {displayCommand, type PodProcess} from './proc/process.js'
import {buildProcessTree} from './proc/tree.js'
import type {RemoveResult} from './remove-pod.js'
import type {KillResult} from './signal-pod.js'
import {explainVerdict, type Zombie} from './zombies.js'

/** Lays rows out in plain columns with a header, as `docker ps` and `podman pod top` print them. */
export function renderColumns(head: string[], rows: string[][]): string {
  const table = new Table({
    head: head.map((title) => chalk.bold(title)),
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '', 'mid-mid': '',
      right: '', 'right-mid': '', middle: '  ',
    },
    style: {head: [], border: [], 'padding-left': 0, 'padding-right': 0},
  })
  table.push(...rows)
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
}

const colourState = (state: string): string => (state === 'Z' ? chalk.red(state) : state)

/**
 * Renders a pod's processes as a tree under PID 1, with members in `containerOrder`, or as a flat list sorted by
 * PID.
 */
export function renderProcesses(processes: readonly PodProcess[], flat: boolean, containerOrder: readonly string[]): string {
  const rows = flat ? processes.map((process) => ({process, prefix: ''})) : buildProcessTree(processes, containerOrder)

  return renderColumns(
    ['PID', 'HOST PID', 'PPID', 'S', 'CONTAINER', 'USER', 'ELAPSED', 'COMMAND'],
    rows.map(({process, prefix}) => [
      String(process.pid),
      String(process.hostPid),
      String(process.ppid),
      colourState(process.state),
      process.container,
      process.user,
      formatElapsed(process.elapsedSeconds),
      prefix + (process.state === 'Z' ? chalk.red(displayCommand(process)) : displayCommand(process)),
    ]),
  )
}

/** Renders the zombies with their parents and verdicts, or a line stating that there are none. */
export function renderZombies(pod: string, zombies: readonly Zombie[]): string {
  if (zombies.length === 0) return `No zombies in pod ${pod}.`

  const table = renderColumns(
    ['PID', 'HOST PID', 'CONTAINER', 'PARENT', 'PARENT COMMAND', 'VERDICT'],
    zombies.map((zombie) => [
      String(zombie.pid),
      String(zombie.hostPid),
      zombie.container,
      zombie.parent ? `${zombie.parent.pid} (${zombie.parent.container})` : String(zombie.ppid),
      zombie.parent?.command ?? '',
      zombie.verdict,
    ]),
  )
  const explanations = zombies.map((zombie) => `${chalk.red('zombie')} ${zombie.pid}: ${explainVerdict(zombie)}`)
  return [table, '', ...explanations].join('\n')
}

function colourPodState(state: string): string {
  if (state === 'Running') return chalk.green(state)
  if (state === 'Degraded') return chalk.yellow(state)
  return chalk.red(state)
}

/** Renders pods with one row per container. */
export function renderPods(pods: readonly Pod[]): string {
  if (pods.length === 0) return 'No pods.'

  return renderColumns(
    ['POD', 'STATE', 'CONTAINER', 'ROLE', 'IMAGE', 'STATUS'],
    pods.flatMap((pod) =>
      pod.containers.map((container, index) => [
        index === 0 ? pod.name : '',
        index === 0 ? colourPodState(podState(pod)) : '',
        container.name,
        container.role,
        container.image,
        container.status,
      ]),
    ),
  )
}

/** Lines for the user: `stdout` for what was done, `stderr` for what was not. */
export interface Report {
  stdout: string[]
  stderr: string[]
}

/** Reports what `rm` removed, what it kept, and the pods it did not find. */
export function renderRemovals(removed: readonly RemoveResult[], notFound: readonly string[]): Report {
  const report: Report = {stdout: [], stderr: []}
  if (removed.length === 0 && notFound.length === 0) report.stdout.push('No pods to remove.')

  for (const result of removed) {
    if (result.error) {
      report.stderr.push(`Error: cannot remove pod ${result.pod}: ${result.error}`)
      continue
    }

    const volumes = result.volumes.length > 0 ? `, volumes ${result.volumes.join(', ')}` : ''
    report.stdout.push(`Removed pod ${result.pod} (${result.containers.join(', ')})${volumes}`)
    for (const kept of result.keptVolumes) report.stderr.push(`Kept volume ${kept.name} of pod ${result.pod}: ${kept.reason}`)
  }

  for (const name of notFound) report.stderr.push(`Error: pod '${name}' not found: run 'podpid ls' to see the pods`)
  return report
}

/** Reports each signal that `kill` sent or failed to send. */
export function renderKill(result: KillResult): Report {
  const report: Report = {stdout: [], stderr: []}
  const sender = result.from ? `from ${result.from}` : 'from the host'
  for (const outcome of result.processes) {
    const target = `PID ${outcome.pid} (${outcome.command}) in ${result.container}`
    if (outcome.delivered) report.stdout.push(`Sent ${result.signal} to ${target}, ${sender}`)
    else if (outcome.exited) report.stderr.push(`Skipped ${target}: ${outcome.error}`)
    else report.stderr.push(`Error: cannot send ${result.signal} to ${target}: ${outcome.error}`)
  }

  return report
}
