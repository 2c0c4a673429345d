/**
 * Label keys that carry a pod's whole state on its containers and volumes. podpid keeps no other state, and it
 * never touches a container or volume that lacks `Label.pod`.
 */
export const Label = {
  /** The pod's name. */
  pod: 'io.podpid.pod',
  /** `infra` for the container that owns the namespaces, `member` for the others. */
  role: 'io.podpid.role',
  /** The container's name inside the pod, as given to `run -c NAME=IMAGE`. */
  container: 'io.podpid.container',
  /** Position of the container in the pod: 0 for the infra, then members in the order given. */
  index: 'io.podpid.index',
  /** The podpid version that created the object. */
  version: 'io.podpid.version',
} as const

export type Role = 'infra' | 'member'

/** The container name that `ps`, `kill` and `ls` give the infra container. */
export const INFRA_NAME = 'infra'
