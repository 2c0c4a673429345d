/**
 * Parsers for the /proc files that podpid reads, as proc(5) documents them. They take file text and return plain
 * values, so they run on recorded fixtures as well as on a live /proc.
 */

export interface StatFields {
  pid: number
  /** The command name (`comm`), at most 15 bytes, which may itself contain spaces and parentheses. */
  comm: string
  /** One-letter kernel state: R, S, D, Z, T, t, X, I, ... */
  state: string
  /** Parent PID in the reader's PID namespace. */
  ppid: number
  /** Start time after system boot, in clock ticks (field 22). */
  startTicks: number
}

/**
 * Parses /proc/PID/stat. The command name runs from the first '(' to the last ')', because the name itself may
 * contain parentheses and spaces. The fields after it are separated by spaces.
 */
export function parseStat(text: string): StatFields {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) throw new Error(`malformed /proc stat line: ${JSON.stringify(text.slice(0, 80))}`)

  const pidText = text.slice(0, open).trim()
  if (!/^\d+$/.test(pidText)) throw new Error(`malformed /proc stat line: ${JSON.stringify(text.slice(0, 80))}`)
  const pid = Number(pidText)
  const comm = text.slice(open + 1, close)
  // Fields after the name start at field 3 (state), so field N is at index N - 3.
  const rest = text.slice(close + 1).trim().split(/\s+/)
  const state = rest[0] ?? '?'
  const ppid = Number(rest[1])
  const startTicks = Number(rest[19])
  if (!Number.isInteger(pid) || !Number.isInteger(ppid) || !Number.isFinite(startTicks)) {
    throw new Error(`malformed /proc stat line: ${JSON.stringify(text.slice(0, 80))}`)
  }

  return {pid, comm, state, ppid, startTicks}
}

export interface StatusFields {
  name: string
  state: string
  ppid: number
  /** Real user ID. */
  uid: number
  /** The PID in each nested PID namespace, outermost first; the last one is the PID in the process's own namespace. */
  nsPids: number[]
  /** Signal masks, bit N - 1 for signal N: blocked, ignored and caught by a handler. */
  signalsBlocked: bigint
  signalsIgnored: bigint
  signalsCaught: bigint
}

/** Parses /proc/PID/status. NSpid needs Linux 4.1 or later, so without it the list contains only the PID in the reader's namespace. */
export function parseStatus(text: string): StatusFields {
  const fields = new Map<string, string>()
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim())
  }

  const pid = Number(fields.get('Pid'))
  const nsPids = (fields.get('NSpid') ?? String(pid)).split(/\s+/).filter(Boolean).map(Number)
  return {
    name: fields.get('Name') ?? '',
    state: (fields.get('State') ?? '?').charAt(0),
    ppid: Number(fields.get('PPid') ?? 0),
    uid: Number((fields.get('Uid') ?? '0').split(/\s+/)[0]),
    nsPids,
    signalsBlocked: parseMask(fields.get('SigBlk')),
    signalsIgnored: parseMask(fields.get('SigIgn')),
    signalsCaught: parseMask(fields.get('SigCgt')),
  }
}

function parseMask(hex: string | undefined): bigint {
  return hex && /^[0-9a-fA-F]+$/.test(hex) ? BigInt(`0x${hex}`) : 0n
}

const CONTAINER_ID = /(?:^|[/-])([0-9a-f]{64})(?:\.scope)?(?=\/|$| \(deleted\))/g

/**
 * Returns the Docker container ID from /proc/PID/cgroup, or undefined when the process is in no container's cgroup.
 * cgroup v1 paths read `/docker/ID`, and cgroup v2 paths `/docker/ID` (cgroupfs driver) or
 * `/system.slice/docker-ID.scope` (systemd driver). When containers are nested, as with Docker in Docker, the
 * innermost ID is the container's own. On cgroup v1 a zombie's cgroup reads `/` because the kernel has already
 * detached it, so its container must come from its parent. On cgroup v2 a zombie keeps its path, with ` (deleted)`
 * appended once the cgroup is gone.
 */
export function parseCgroupContainerId(text: string): string | undefined {
  for (const line of text.split('\n')) {
    // hierarchy-ID:controller-list:cgroup-path; the path itself may contain ':'.
    const parts = line.split(':')
    if (parts.length < 3) continue
    const path = parts.slice(2).join(':')
    const ids = [...path.matchAll(CONTAINER_ID)].map((match) => match[1])
    if (ids.length > 0) return ids.at(-1)
  }

  return undefined
}

/** Splits /proc/PID/cmdline, which separates arguments with NUL bytes. Kernel threads and zombies have none. */
export function parseCmdline(text: string): string[] {
  if (text === '') return []
  const args = text.split('\0')
  if (args.at(-1) === '') args.pop()
  return args
}

/** Parses /etc/passwd into a map from user ID to user name. */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>()
  for (const line of text.split('\n')) {
    const [name, , uid] = line.split(':')
    if (name && uid !== undefined && /^\d+$/.test(uid) && !users.has(Number(uid))) users.set(Number(uid), name)
  }

  return users
}

/** Parses /proc/uptime and returns the seconds since boot. */
export function parseUptime(text: string): number {
  const field = text.trim().split(/\s+/)[0] ?? ''
  const seconds = Number(field)
  if (!/^\d+(\.\d+)?$/.test(field)) throw new Error(`malformed /proc/uptime: ${JSON.stringify(text)}`)
  return seconds
}
