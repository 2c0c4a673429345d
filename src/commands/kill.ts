import {Args, Flags} from '@oclif/core'
import {PodpidCommand} from '../base-command.js'
import {ExitCode} from '../errors.js'
import {boundedIntegerFlag, signalFlag} from '../flags.js'
import {getPod} from '../pod.js'
import {renderKill} from '../render.js'
import {signalPod, type KillResult} from '../signal-pod.js'

export default class Kill extends PodpidCommand {
  static override args = {
    pod: Args.string({description: 'Name of the pod.', required: true}),
    container: Args.string({description: 'Container whose processes receive the signal.', required: true}),
  }

  static override description = `Signals the container's main process, one of its processes by pod PID (--pid), or every process whose command line matches a regular expression (--match).

With --from, the signal is sent from inside another container of the pod by running its own kill program there (kill -s SIGNAL PID, no shell), as a sidecar does after rotating a log; that container's image needs kill on its PATH. Without --from, podpid sends the signal from the host.

Signals are taken as names with or without SIG (HUP, SIGHUP), as numbers (1), or as real-time signals (RTMIN, RTMIN+1, RTMAX-2, 34 to 64), which are shown by number. The exit code is 9 when a signal could not be delivered. A process that exits on its own before its signal arrives is reported as skipped, and does not change the exit code.`

  static override examples = [
    {description: 'Tell the app to reopen its logs, from the sidecar.', command: '<%= config.bin %> <%= command.id %> web app --from sidecar --signal HUP'},
    {description: 'Stop one process by its pod PID.', command: '<%= config.bin %> <%= command.id %> web app --pid 12 --signal TERM'},
    {description: 'Signal every worker process of the app.', command: '<%= config.bin %> <%= command.id %> web app --match "worker" --signal USR1'},
  ]

  static override flags = {
    from: Flags.string({description: 'Container of the pod to send the signal from.'}),
    signal: signalFlag({description: 'Signal to send, by name or number.', defaultSignal: 'TERM'}),
    // 4194304 is the kernel's maximum PID (PID_MAX_LIMIT on 64-bit).
    pid: boundedIntegerFlag({name: 'pid', description: 'Pod PID of the process to signal; it must belong to CONTAINER.', min: 1, max: 4_194_304, exclusive: ['match']}),
    match: Flags.string({description: 'Regular expression matched against command lines; every matching process of CONTAINER is signalled.', exclusive: ['pid']}),
  }

  static override summary = "Send a signal to a container's processes, optionally from another container of the pod."

  async run(): Promise<KillResult> {
    const {args, flags} = await this.parse(Kill)
    const engine = await this.connect()
    const pod = await getPod(engine, args.pod)
    const result = await signalPod(engine, pod, {
      container: args.container,
      signal: flags.signal,
      from: flags.from,
      pid: flags.pid,
      match: flags.match,
    })

    this.report(renderKill(result))
    // A process that exited on its own in the meantime needs no signal, so it does not fail the command, as in pkill.
    if (result.processes.some((outcome) => !outcome.delivered && !outcome.exited)) process.exitCode = ExitCode.signalFailed
    return result
  }
}
