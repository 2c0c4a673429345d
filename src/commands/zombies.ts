import {Args} from '@oclif/core'
import {PodpidCommand} from '../base-command.js'
import {ExitCode} from '../errors.js'
import {durationFlag} from '../flags.js'
import {getPod} from '../pod.js'
import {renderZombies} from '../render.js'
import {scanZombies} from '../zombie-scan.js'
import type {Zombie} from '../zombies.js'

export interface ZombiesResult {
  pod: string
  zombies: Zombie[]
}

export default class Zombies extends PodpidCommand {
  static override args = {
    pod: Args.string({description: 'Name of the pod.', required: true}),
  }

  static override description = `Lists zombie processes with their parents and a verdict on who fails to reap them:

parent-not-waiting: the parent is a live process that does not wait for its children, so that process is the culprit.

infra-not-reaping: the parent is the infra's PID 1 and the zombie outlasted --settle, so the infra image does not reap orphans.

reap-pending: the zombie should go soon. Its parent is the infra's PID 1 and --settle is 0, or its parent has just exited, or its parent is outside the pod, where the engine reaps it.

The pod is scanned twice, --settle apart, and only zombies present both times are reported. Exits 0 when there are no zombies and 7 when there are, so a CI script can assert that a pod leaves none.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> web',
    '<%= config.bin %> <%= command.id %> web --settle 3s --json',
  ]

  static override flags = {
    settle: durationFlag({
      description: 'Time between the two scans, such as 500ms or 2s (a bare number is seconds); 0 scans once.',
      defaultMilliseconds: 1000,
      maxMilliseconds: 3_600_000,
    }),
  }

  static override summary = 'Report zombie processes in a pod and who fails to reap them.'

  async run(): Promise<ZombiesResult> {
    const {args, flags} = await this.parse(Zombies)
    const engine = await this.connect()
    const pod = await getPod(engine, args.pod)

    const zombies = await scanZombies(engine, pod, flags.settle)
    if (!this.jsonEnabled()) this.log(renderZombies(pod.name, zombies))
    if (zombies.length > 0) process.exitCode = ExitCode.zombiesFound
    return {pod: pod.name, zombies}
  }
}
