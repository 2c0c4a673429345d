import {Args, Flags} from '@oclif/core'
import {PodpidCommand} from '../base-command.js'
import {boundedIntegerFlag} from '../flags.js'
import {ExitCode, PodpidError} from '../errors.js'
import {removePods, resolvePods, type RemoveResult} from '../remove-pod.js'
import {renderRemovals} from '../render.js'

export interface RmResult {
  removed: RemoveResult[]
  /** Pods named on the command line that do not exist. */
  notFound: string[]
}

export default class Rm extends PodpidCommand {
  static override args = {
    pod: Args.string({description: 'Name of a pod to remove; give several to remove them all.'}),
  }

  static override description = `Stops the members first, giving each --time seconds between TERM and KILL, then the infra, then removes every container of the pod and the volumes the pod created. Volumes that existed before the pod are kept. A pod half made or half removed is removed all the same, since its containers carry its labels.

Pods that do not exist are reported, and the others are still removed; the exit code is then 4. When a pod cannot be removed completely, the exit code is 1.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> web',
    '<%= config.bin %> <%= command.id %> web db --time 2',
    '<%= config.bin %> <%= command.id %> --all',
  ]

  static override flags = {
    all: Flags.boolean({description: 'Remove every pod.'}),
    time: boundedIntegerFlag({name: 'time', description: 'Seconds each container gets to exit after TERM before it is killed.', default: 10, min: 0, max: 3600}),
  }

  static override strict = false

  static override summary = 'Stop and remove pods, their containers and their volumes.'

  async run(): Promise<RmResult> {
    const {argv, flags} = await this.parse(Rm)
    const names = argv as string[]
    if (names.length === 0 && !flags.all) {
      throw new PodpidError('missing pod name: give one or more pods to remove, or --all', ExitCode.usage)
    }

    const engine = await this.connect()
    const {pods, notFound} = await resolvePods(engine, names, flags.all)
    const removed = await removePods(engine, pods, flags.time)

    this.report(renderRemovals(removed, notFound))
    if (removed.some((result) => result.error)) process.exitCode = ExitCode.failure
    else if (notFound.length > 0) process.exitCode = ExitCode.notFound
    return {removed, notFound}
  }
}
