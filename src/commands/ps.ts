import {Args, Flags} from '@oclif/core'
import {PodpidCommand} from '../base-command.js'
import {getPod, podContainer} from '../pod.js'
import type {PodProcess} from '../proc/process.js'
import {snapshotPod} from '../proc/snapshot.js'
import {renderProcesses} from '../render.js'

export interface PsResult {
  pod: string
  processes: PodProcess[]
}

export default class Ps extends PodpidCommand {
  static override args = {
    pod: Args.string({description: 'Name of the pod.', required: true}),
  }

  static override description = `Lists every process in the pod's PID namespace as a tree under the infra's PID 1, with the pod PID, the host PID, the container each process belongs to, and zombies marked with state Z. Each member's main process has PPID 0, because its parent is outside the pod, and is shown under PID 1.

Processes are read from /proc of the engine's host, so ps needs a local Linux engine and enough rights to read /proc (root). Set PODPID_PROC_ROOT to read another mount of the host's /proc.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> web',
    '<%= config.bin %> <%= command.id %> web --flat',
    '<%= config.bin %> <%= command.id %> web -c app -c sidecar',
    '<%= config.bin %> <%= command.id %> web --json',
  ]

  static override flags = {
    container: Flags.string({char: 'c', description: 'Show only the processes of this container; repeat for more.', multiple: true}),
    flat: Flags.boolean({description: 'List processes sorted by pod PID instead of as a tree.'}),
  }

  static override summary = 'List the processes of every container in a pod, zombies included.'

  async run(): Promise<PsResult> {
    const {args, flags} = await this.parse(Ps)
    const engine = await this.connect()
    const pod = await getPod(engine, args.pod)
    // Unknown names fail here, before /proc is read.
    const selected = new Set((flags.container ?? []).map((name) => podContainer(pod, name).name))
    const all = await snapshotPod(engine, pod)
    const processes = selected.size === 0 ? all : all.filter((process) => selected.has(process.container))

    // Laying out a large table costs more than reading /proc, so it is skipped when only JSON is printed.
    if (!this.jsonEnabled()) this.log(renderProcesses(processes, flags.flat, pod.containers.map((container) => container.name)))
    return {pod: pod.name, processes}
  }
}
