import {PodpidCommand} from '../base-command.js'
import {listPods, podState, type PodContainer, type PodState} from '../pod.js'
import {renderPods} from '../render.js'

export interface LsResult {
  pods: {name: string; state: PodState; containers: PodContainer[]}[]
}

export default class Ls extends PodpidCommand {
  static override description = `Shows each pod's state (Running, Degraded, Exited or Created) and one row per container with its role, image and the engine's status. Pods are found by their labels; containers that podpid did not create are not listed.`

  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  static override summary = 'List pods with their containers and states.'

  async run(): Promise<LsResult> {
    await this.parse(Ls)
    const engine = await this.connect()
    const pods = await listPods(engine)

    if (!this.jsonEnabled()) this.log(renderPods(pods))
    return {pods: pods.map((pod) => ({name: pod.name, state: podState(pod), containers: pod.containers}))}
  }
}
