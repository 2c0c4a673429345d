/** One process of a pod, as `ps` and `zombies` report it. */
export interface PodProcess {
  /** PID inside the pod's PID namespace. */
  pid: number
  /** PID on the engine's host. */
  hostPid: number
  /** Parent PID inside the pod's namespace; 0 when the parent is outside it, as for each member's main process. */
  ppid: number
  /** One-letter kernel state; Z for a zombie. */
  state: string
  /** Name of the pod container the process belongs to; a zombie gets its parent's container. */
  container: string
  /** Real user ID. */
  uid: number
  /** User name from the container's /etc/passwd, or the numeric user ID when it has no entry. */
  user: string
  /** The kernel's command name (comm). */
  command: string
  /** The command line; empty for zombies and kernel threads. */
  args: string[]
  /** Whole seconds since the process started. */
  elapsedSeconds: number
  /** Start time in clock ticks after boot. Together with hostPid it identifies a process, since PIDs are reused. */
  startTicks: number
}

/** Formats the command line for display: the arguments, or the bracketed command name when there are none. */
export function displayCommand(process: PodProcess): string {
  if (process.args.length > 0) return process.args.join(' ')
  return process.state === 'Z' ? `[${process.command}] <defunct>` : `[${process.command}]`
}
