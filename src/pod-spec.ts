import {ExitCode, PodpidError} from './errors.js'
import {parseContainerOption, parseContainerSpec} from './names.js'
import type {MemberSpec} from './run-pod.js'
import {splitShellWords} from './shell-words.js'

/** The per-container options of `podpid run`, as given on the command line. */
export interface MemberOptions {
  /** `NAME=IMAGE`, in start order. */
  containers: string[]
  /** `NAME=COMMAND`. */
  cmd?: string[]
  /** `NAME=KEY=VALUE`. */
  env?: string[]
  /** `NAME=SOURCE:TARGET[:ro|:rw]`. */
  volume?: string[]
}

/** Builds the member specifications of a pod from `run`'s options, and rejects any option it cannot apply. */
export function buildMembers(options: MemberOptions): MemberSpec[] {
  const members: MemberSpec[] = options.containers.map((spec) => ({...parseContainerSpec(spec), env: [], volumes: []}))
  const byName = new Map<string, MemberSpec>()
  for (const member of members) {
    if (byName.has(member.name)) {
      throw new PodpidError(`invalid -c: container '${member.name}' is given twice; names must be unique in a pod`, ExitCode.usage)
    }

    byName.set(member.name, member)
  }

  const names = new Set(byName.keys())
  const target = (flag: string, option: string) => {
    const {name, value} = parseContainerOption(flag, option, names)
    return {member: byName.get(name) as MemberSpec, value}
  }

  for (const option of options.cmd ?? []) {
    const {member, value} = target('cmd', option)
    if (member.cmd) {
      throw new PodpidError(`invalid --cmd '${option}': container '${member.name}' already has a command`, ExitCode.usage)
    }

    const words = splitShellWords(value)
    if (words.length === 0) throw new PodpidError(`invalid --cmd '${option}': the command is empty`, ExitCode.usage)
    member.cmd = words
  }

  for (const option of options.env ?? []) {
    const {member, value} = target('env', option)
    if (!/^[^=]+=/.test(value)) throw new PodpidError(`invalid --env '${option}': expected NAME=KEY=VALUE`, ExitCode.usage)
    member.env.push(value)
  }

  for (const option of options.volume ?? []) {
    const {member, value} = target('volume', option)
    const [source, destination, mode, extra] = value.split(':')
    const validMode = mode === undefined || mode === 'ro' || mode === 'rw'
    if (!source || !destination?.startsWith('/') || !validMode || extra !== undefined) {
      throw new PodpidError(
        `invalid --volume '${option}': expected NAME=SOURCE:TARGET[:ro], with an absolute TARGET path`,
        ExitCode.usage,
      )
    }

    member.volumes.push(value)
  }

  return members
}
