import {PodpidError, ExitCode} from './errors.js'
import {INFRA_NAME} from './labels.js'

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS_LABEL_MAX = 63

/**
 * Checks a pod or container name against the Kubernetes rule for names (an RFC 1123 DNS label): at most 63
 * characters of lower-case letters, digits and '-', starting and ending with a letter or digit.
 */
export function validateName(kind: 'pod' | 'container', name: string): string {
  if (name.length > DNS_LABEL_MAX || !DNS_LABEL.test(name)) {
    throw new PodpidError(
      `invalid ${kind} name '${name}': use at most ${DNS_LABEL_MAX} lower-case letters, digits and '-', ` +
        `starting and ending with a letter or digit`,
      ExitCode.usage,
    )
  }

  return name
}

/**
 * Returns the engine's name for a container of a pod: `POD_NAME`, and `POD_infra` for the infra. Pod and container
 * names cannot contain '_', so no two pods map to one engine name, as `web-a` + `pp` and `web` + `a-pp` would
 * with '-'.
 */
export function engineContainerName(pod: string, container: string): string {
  return `${pod}_${container}`
}

export interface ContainerImage {
  name: string
  image: string
}

/** Parses a `NAME=IMAGE` member specification. */
export function parseContainerSpec(spec: string): ContainerImage {
  const equals = spec.indexOf('=')
  if (equals <= 0 || equals === spec.length - 1) {
    throw new PodpidError(`invalid container '${spec}': expected NAME=IMAGE, for example app=busybox`, ExitCode.usage)
  }

  const name = validateName('container', spec.slice(0, equals))
  if (name === INFRA_NAME) {
    throw new PodpidError(`invalid container name '${name}': it is reserved for the pod's infra container`, ExitCode.usage)
  }

  return {name, image: validateImage(spec.slice(equals + 1))}
}

const NAME_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*'
/**
 * An image reference as the engine accepts it, after the grammar of Docker's reference package: an optional
 * registry host, lower-case path components, an optional tag of at most 128 characters and an optional digest. A
 * first component is a registry host only when it contains '.' or ':' or is `localhost`, so `MyOrg/app` is
 * rejected as Docker rejects it.
 */
const REGISTRY_HOST = '(?:[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)+(?::\\d+)?|[a-zA-Z0-9-]+:\\d+|localhost)'
const IMAGE_REFERENCE = new RegExp(
  `^(?:${REGISTRY_HOST}/)?${NAME_COMPONENT}(?:/${NAME_COMPONENT})*` +
    `(?::[\\w][\\w.-]{0,127})?(?:@[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,})?$`,
)

/** Checks an image reference before it reaches the engine, whose errors for a malformed one are hard to read. */
export function validateImage(reference: string): string {
  if (IMAGE_REFERENCE.test(reference)) return reference
  throw new PodpidError(
    `invalid image '${reference}': use a reference such as busybox, busybox:1.36 or registry.example:5000/team/app:v2`,
    ExitCode.usage,
  )
}

/**
 * Splits a per-container option `NAME=VALUE` into the container name and the value, for --cmd, --env and --volume.
 * The value may contain further '=' characters.
 */
export function parseContainerOption(
  flag: string,
  option: string,
  members: ReadonlySet<string>,
  form = 'CONTAINER=VALUE',
): {name: string; value: string} {
  const equals = option.indexOf('=')
  if (equals <= 0) {
    throw new PodpidError(`invalid --${flag} '${option}': expected ${form}`, ExitCode.usage)
  }

  const name = option.slice(0, equals)
  if (!members.has(name)) {
    throw new PodpidError(
      `invalid --${flag} '${option}': no container '${name}' is given with -c (containers: ${[...members].join(', ')})`,
      ExitCode.usage,
    )
  }

  return {name, value: option.slice(equals + 1)}
}
