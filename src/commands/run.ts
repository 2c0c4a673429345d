import {Args, Flags} from '@oclif/core'
import {PodpidCommand} from '../base-command.js'
import {validateImage, validateName} from '../names.js'
import {buildMembers} from '../pod-spec.js'
import {NETWORK_MODES, PULL_POLICIES, runPod, type RunResult} from '../run-pod.js'

export default class Run extends PodpidCommand {
  static override args = {
    pod: Args.string({description: 'Name of the new pod (lower-case letters, digits and -).', required: true}),
  }

  static override description = `Creates the infra container, which owns the pod's PID, network and IPC namespaces, then every member container joined to them, and returns once all of them run. Members start in parallel.

The default infra image, podpid-infra:<version>, is built once on the engine from the host's static catatonit (/usr/bin/catatonit, or PODPID_CATATONIT), which runs as PID 1 in pause mode and reaps orphaned zombies. No registry is needed for it.

If any step fails, run removes every container and volume it created, so nothing of the pod remains. A volume source that is not an absolute path is a named volume; run creates it when missing, and rm removes it with the pod.`

  static override examples = [
    {
      description: 'Run an app and a sidecar that share a log volume, from local images only.',
      command:
        '<%= config.bin %> <%= command.id %> web -c app=busybox -c sidecar=busybox --cmd "app=sleep 3600" --cmd "sidecar=sleep 3600" --volume app=logs:/logs --volume sidecar=logs:/logs --network none --pull never',
    },
    {
      description: 'Use another pause image for the infra container.',
      command: '<%= config.bin %> <%= command.id %> web -c app=nginx --infra-image registry.k8s.io/pause:3.10',
    },
  ]

  static override flags = {
    container: Flags.string({
      char: 'c',
      description: 'Member container as NAME=IMAGE; repeat for more members, in start order.',
      multiple: true,
      required: true,
    }),
    cmd: Flags.string({
      description: "Command of a member as NAME=COMMAND, split into words like a shell does (quotes honoured, no shell run).",
      multiple: true,
    }),
    env: Flags.string({description: 'Environment variable of a member as NAME=KEY=VALUE.', multiple: true}),
    volume: Flags.string({
      description: 'Mount for a member as NAME=SOURCE:TARGET[:ro|:rw]; SOURCE is a volume name or an absolute host path.',
      multiple: true,
    }),
    network: Flags.string({description: "Network of the pod's infra container, which members join.", options: [...NETWORK_MODES], default: 'bridge'}),
    'infra-image': Flags.string({description: 'Image of the infra container; its entrypoint must pause, and should reap orphans.'}),
    pull: Flags.string({description: 'Image pull policy: missing pulls only absent images, like Kubernetes IfNotPresent.', options: [...PULL_POLICIES], default: 'missing'}),
  }

  static override summary = 'Create and start a pod whose containers share one PID namespace.'

  async run(): Promise<RunResult> {
    const {args, flags} = await this.parse(Run)
    const pod = validateName('pod', args.pod)

    const members = buildMembers({containers: flags.container, cmd: flags.cmd, env: flags.env, volume: flags.volume})

    // Ctrl-C, TERM or a closed terminal lets the run roll back at its next step instead of leaving a pod half made.
    // The handler stays installed until the run returns, so a second Ctrl-C cannot cut the roll-back short.
    const interruption = new AbortController()
    const interrupt = () => interruption.abort()
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
    for (const signal of signals) process.on(signal, interrupt)

    let result: RunResult
    try {
      result = await runPod(
        await this.connect(),
        {
          name: pod,
          members,
          network: flags.network as (typeof NETWORK_MODES)[number],
          infraImage: flags['infra-image'] === undefined ? undefined : validateImage(flags['infra-image']),
          pull: flags.pull as (typeof PULL_POLICIES)[number],
        },
        {progress: (line) => this.logToStderr(line)},
        interruption.signal,
      )
    } finally {
      for (const signal of signals) process.off(signal, interrupt)
    }

    this.log(`Pod ${pod} is running: ${result.containers.map((container) => container.name).join(', ')}`)
    return result
  }
}
