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

/** The form of each per-container option, for error messages. */
const FORMS: Readonly<Record<string, string>> = {
  cmd: 'NAME=COMMAND',
  env: 'NAME=KEY=VALUE',
  volume: 'NAME=SOURCE:TARGET[:ro|:rw]',
}

/** Docker's rule for volume names; a source that is not one must be an absolute host path. */
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/

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
    const {name, value} = parseContainerOption(flag, option, names, FORMS[flag])
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
    const validSource = source !== undefined && (source.startsWith('/') || VOLUME_NAME.test(source))
    if (!validSource || !destination?.startsWith('/') || !validMode || extra !== undefined) {
      throw new PodpidError(
        `invalid --volume '${option}': expected NAME=SOURCE:TARGET[:ro|:rw], where SOURCE is a volume name or an absolute path and TARGET an absolute path`,
        ExitCode.usage,
      )
    }

    const mountPoint = destination.replace(/\/+$/, '')
    if (mountPoint === '') {
      throw new PodpidError(`invalid --volume '${option}': a volume cannot be mounted on /`, ExitCode.usage)
    }

    if (member.volumes.some((mount) => (mount.split(':')[1] as string).replace(/\/+$/, '') === mountPoint)) {
      throw new PodpidError(`invalid --volume '${option}': container '${member.name}' already has a mount on ${mountPoint}`, ExitCode.usage)
    }

    member.volumes.push(value)
  }

  return members
}
