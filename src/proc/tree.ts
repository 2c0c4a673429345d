import type {PodProcess} from './process.js'

export interface TreeRow {
  process: PodProcess
  /** Depth in the tree: 0 for the infra's PID 1. */
  depth: number
  /** Drawing of the branches in front of the command, such as `│  ├─ `. */
  prefix: string
}

/**
 * Orders a pod's processes as a tree rooted at PID 1. Each member's main process has PPID 0 because its parent
 * (the engine's shim) is outside the pod's namespace, so it is shown as a child of PID 1 rather than as an orphan.
 * Processes whose parent is missing from the snapshot, because it exited between reads, are attached the same way.
 * Siblings are ordered by their container's position in `containerOrder`, then by PID, so members appear in the
 * order the pod lists them although they start in parallel.
 */
export function buildProcessTree(processes: readonly PodProcess[], containerOrder: readonly string[] = []): TreeRow[] {
  const byPid = new Map(processes.map((process) => [process.pid, process]))
  const children = new Map<number, PodProcess[]>()
  const roots: PodProcess[] = []

  for (const process of processes) {
    let parentPid: number | undefined
    if (process.pid !== 1 && byPid.has(process.ppid)) parentPid = process.ppid
    else if (process.pid !== 1 && byPid.has(1)) parentPid = 1
    if (parentPid === undefined) {
      roots.push(process)
      continue
    }

    const siblings = children.get(parentPid) ?? []
    siblings.push(process)
    children.set(parentPid, siblings)
  }

  const rank = (process: PodProcess): number => {
    const position = containerOrder.indexOf(process.container)
    return position < 0 ? containerOrder.length : position
  }
  const bySiblingOrder = (a: PodProcess, b: PodProcess): number => rank(a) - rank(b) || a.pid - b.pid

  const rows: TreeRow[] = []
  const visit = (process: PodProcess, depth: number, indent: string, last: boolean): void => {
    let branch = ''
    if (depth > 0) branch = last ? '└─ ' : '├─ '
    rows.push({process, depth, prefix: indent + branch})
    const kids = (children.get(process.pid) ?? []).sort(bySiblingOrder)
    const childIndent = depth === 0 ? '' : indent + (last ? '   ' : '│  ')
    kids.forEach((kid, index) => visit(kid, depth + 1, childIndent, index === kids.length - 1))
  }

  roots.sort(bySiblingOrder)
  for (const root of roots) visit(root, 0, '', true)
  return rows
}
