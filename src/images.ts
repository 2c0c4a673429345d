import {constants, accessSync, readFileSync, statSync} from 'node:fs'
import createDebug from 'debug'
import tar from 'tar-stream'
import type {PodEngine} from './engine.js'
import {ExitCode, PodpidError} from './errors.js'
import {Label} from './labels.js'
import {VERSION} from './version.js'

const debug = createDebug('podpid:images')

/** An entry of an image built FROM scratch: a file copied from the host, a symbolic link, or a directory (mode 1777, like /tmp). */
export type ImageEntry =
  | {path: string; hostPath: string; mode?: number}
  | {path: string; linkTarget: string}
  | {path: string; directory: true}

export interface ScratchImage {
  tag: string
  entries: ImageEntry[]
  entrypoint?: string[]
  cmd?: string[]
}

/**
 * Builds an image FROM scratch that holds only the given entries, by sending the engine a build context with a
 * Dockerfile that copies them in. Nothing is pulled, so this works where no registry is reachable.
 */
export async function buildScratchImage(engine: PodEngine, image: ScratchImage): Promise<void> {
  const pack = tar.pack()
  const dockerfile = [
    'FROM scratch',
    'COPY rootfs/ /',
    `LABEL ${Label.version}=${JSON.stringify(VERSION)}`,
    ...(image.entrypoint ? [`ENTRYPOINT ${JSON.stringify(image.entrypoint)}`] : []),
    ...(image.cmd ? [`CMD ${JSON.stringify(image.cmd)}`] : []),
  ].join('\n')
  pack.entry({name: 'Dockerfile'}, dockerfile + '\n')
  pack.entry({name: 'rootfs', type: 'directory', mode: 0o755})

  for (const entry of image.entries) {
    const name = `rootfs/${entry.path.replace(/^\/+/, '')}`
    if ('hostPath' in entry) {
      pack.entry({name, mode: entry.mode ?? statSync(entry.hostPath).mode & 0o7777}, readFileSync(entry.hostPath))
    } else if ('linkTarget' in entry) {
      pack.entry({name, type: 'symlink', linkname: entry.linkTarget})
    } else {
      pack.entry({name, type: 'directory', mode: 0o1777})
    }
  }

  pack.finalize()
  debug('building %s from %d entries', image.tag, image.entries.length)
  // tar-stream packs are streamx streams, which dockerode pipes like any Node.js readable.
  await engine.buildImage(pack as unknown as NodeJS.ReadableStream, image.tag)
}

/** The tag of the infra image that podpid builds, one per podpid version. */
export const DEFAULT_INFRA_IMAGE = `podpid-infra:${VERSION}`

/** Returns the path of the static catatonit to build the infra image from: PODPID_CATATONIT, or Debian's path. */
export function catatonitPath(): string {
  return process.env.PODPID_CATATONIT || '/usr/bin/catatonit'
}

/**
 * Builds the default infra image once: the host's static catatonit as PID 1 in pause mode (`catatonit -P`), which
 * waits for signals and reaps the orphans that members leave behind.
 */
export async function ensureInfraImage(engine: PodEngine): Promise<string> {
  if (await engine.imageExists(DEFAULT_INFRA_IMAGE)) return DEFAULT_INFRA_IMAGE

  const hostPath = catatonitPath()
  try {
    accessSync(hostPath, constants.X_OK)
  } catch (error) {
    throw new PodpidError(
      `cannot build the infra image ${DEFAULT_INFRA_IMAGE}: no executable catatonit at ${hostPath}; install it ` +
        `(apt-get install catatonit), set PODPID_CATATONIT to a static catatonit, or pass --infra-image`,
      ExitCode.notFound,
      {cause: error},
    )
  }

  // A FROM scratch image has no dynamic loader, and a broken image would stay tagged for this version.
  if (!isStaticElf(readFileSync(hostPath))) {
    throw new PodpidError(
      `cannot build the infra image ${DEFAULT_INFRA_IMAGE}: ${hostPath} is not a statically linked executable; ` +
        `use Debian's catatonit package, set PODPID_CATATONIT to a static catatonit, or pass --infra-image`,
      ExitCode.notFound,
    )
  }

  await buildScratchImage(engine, {
    tag: DEFAULT_INFRA_IMAGE,
    entries: [{path: '/catatonit', hostPath, mode: 0o755}],
    entrypoint: ['/catatonit', '-P'],
  })
  return DEFAULT_INFRA_IMAGE
}

const PT_INTERP = 3

/**
 * Tells whether a 64-bit little-endian ELF file has no program interpreter (PT_INTERP), that is, whether it runs
 * without a dynamic loader. Other files are reported as not static.
 */
export function isStaticElf(file: Buffer): boolean {
  const isElf64LittleEndian = file.length >= 64 && file.readUInt32BE(0) === 0x7f454c46 && file[4] === 2 && file[5] === 1
  if (!isElf64LittleEndian) return false

  const headerOffset = Number(file.readBigUInt64LE(0x20))
  const headerSize = file.readUInt16LE(0x36)
  const headerCount = file.readUInt16LE(0x38)
  for (let index = 0; index < headerCount; index++) {
    const offset = headerOffset + index * headerSize
    if (offset + 4 > file.length) return false
    if (file.readUInt32LE(offset) === PT_INTERP) return false
  }

  return true
}
