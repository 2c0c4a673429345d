import {PassThrough} from 'node:stream'
import {pipeline} from 'node:stream/promises'
import {setTimeout as sleep} from 'node:timers/promises'
import createDebug from 'debug'
import Docker from 'dockerode'
import tar from 'tar-stream'
import {ExitCode, PodpidError, engineMessage, engineStatusCode, isEngineUnreachable} from './errors.js'

const debug = createDebug('podpid:engine')

/** A container as the engine lists it. */
export interface ContainerSummary {
  id: string
  name: string
  image: string
  labels: Record<string, string>
  /** created, running, paused, restarting, removing, exited or dead. */
  state: string
  /** The engine's human status, such as `Up 3 minutes` or `Exited (137) 2 seconds ago`. */
  status: string
  /** Names of the named volumes that the container mounts. */
  volumes: string[]
}

export interface VolumeSummary {
  name: string
  labels: Record<string, string>
}

export interface ContainerDetails {
  id: string
  running: boolean
  state: string
  /** Host PID of the container's main process; 0 when it is not running. */
  pid: number
  exitCode: number
}

export interface ContainerSpec {
  name: string
  image: string
  cmd?: string[]
  env?: string[]
  labels: Record<string, string>
  /** Mounts as `SOURCE:TARGET`, where SOURCE is a volume name or an absolute host path. */
  binds?: string[]
  networkMode: string
  pidMode?: string
  ipcMode?: string
  hostname?: string
}

export interface ExecResult {
  stdout: string
  stderr: string
  exitCode: number
}

/**
 * The engine operations that pods need. podpid reaches the engine only through this interface; DockerEngine
 * implements it over dockerode.
 */
export interface PodEngine {
  readonly address: string
  ping(): Promise<void>
  listContainers(labels: string[]): Promise<ContainerSummary[]>
  inspectContainer(id: string): Promise<ContainerDetails>
  createContainer(spec: ContainerSpec): Promise<string>
  startContainer(id: string): Promise<void>
  stopContainer(id: string, timeoutSeconds: number): Promise<void>
  removeContainer(id: string): Promise<void>
  killContainer(id: string, signal: string): Promise<void>
  exec(id: string, cmd: string[]): Promise<ExecResult>
  /**
   * Reads a regular file of at most `maxBytes` from a container's filesystem, with the path resolved inside the
   * container, and returns undefined when it is missing, not a regular file, or larger.
   */
  readFile(id: string, path: string, maxBytes: number): Promise<string | undefined>
  imageExists(reference: string): Promise<boolean>
  pullImage(reference: string, onProgress: (line: string) => void, signal?: AbortSignal): Promise<void>
  buildImage(context: NodeJS.ReadableStream, tag: string): Promise<void>
  volumeExists(name: string): Promise<boolean>
  createVolume(name: string, labels: Record<string, string>): Promise<void>
  listVolumes(labels: string[]): Promise<VolumeSummary[]>
  removeVolume(name: string): Promise<void>
}

const PING_TIMEOUT_MS = 10_000

/** How often and how long to wait for an exec's exit code after its output has ended: 50 times 20 ms, 1 s. */
const EXEC_EXIT_POLLS = 50
const EXEC_EXIT_POLL_MS = 20

/** Returns the engine address that dockerode uses: DOCKER_HOST, or the default Unix socket. */
export function engineAddress(): string {
  return process.env.DOCKER_HOST || 'unix:///var/run/docker.sock'
}

const shortId = (id: string) => id.slice(0, 12)

const DOCKER_HOST_SCHEMES = ['unix://', 'tcp://', 'http://', 'https://', 'ssh://']

/**
 * Rejects a DOCKER_HOST without a scheme, as the docker CLI does. dockerode would read `/path/docker.sock` or
 * `myhost` as a TCP host and connect somewhere other than the user meant.
 */
function validateDockerHost(host: string | undefined): void {
  if (!host || DOCKER_HOST_SCHEMES.some((scheme) => host.startsWith(scheme))) return
  throw new PodpidError(
    `invalid DOCKER_HOST '${host}': use unix:///path/to/docker.sock, tcp://HOST:PORT or ssh://USER@HOST`,
    ExitCode.usage,
  )
}

export class DockerEngine implements PodEngine {
  readonly address = engineAddress()
  private readonly docker: Docker

  constructor() {
    validateDockerHost(process.env.DOCKER_HOST)
    this.docker = new Docker()
  }

  async ping(): Promise<void> {
    // The abort closes the request too, so a hung engine leaves no open socket that would keep Node.js running.
    const signal = AbortSignal.timeout(PING_TIMEOUT_MS)
    // dockerode's ping takes {abortSignal}, which its type declarations (@types/dockerode 4) leave out.
    const ping = this.docker.ping.bind(this.docker) as unknown as (options: {abortSignal: AbortSignal}) => Promise<unknown>
    try {
      await this.call('ping', () => ping({abortSignal: signal}))
    } catch (error) {
      if (error instanceof PodpidError) throw error
      if (!signal.aborted) {
        // An HTTP server responded at that address, but not as a Docker engine does.
        throw new PodpidError(
          `${this.address} did not respond as a Docker engine (${engineMessage(error)}): set DOCKER_HOST to the engine's socket`,
          ExitCode.engineUnavailable,
          {cause: error},
        )
      }

      throw new PodpidError(
        `the Docker engine at ${this.address} did not respond within ${PING_TIMEOUT_MS / 1000} s: check that dockerd is running and not stuck, or set DOCKER_HOST to another engine`,
        ExitCode.engineUnavailable,
        {cause: error},
      )
    }
  }

  async listContainers(labels: string[]): Promise<ContainerSummary[]> {
    const containers = await this.call('list containers', () =>
      this.docker.listContainers({all: true, filters: {label: labels}}),
    )
    return containers.map((container) => ({
      id: container.Id,
      name: (container.Names[0] ?? '').replace(/^\//, ''),
      image: container.Image,
      labels: container.Labels ?? {},
      state: container.State,
      status: container.Status,
      volumes: (container.Mounts ?? []).flatMap((mount) => (mount.Type === 'volume' && mount.Name ? [mount.Name] : [])),
    }))
  }

  async inspectContainer(id: string): Promise<ContainerDetails> {
    const info = await this.call(`inspect ${shortId(id)}`, () => this.docker.getContainer(id).inspect())
    return {
      id: info.Id,
      running: info.State.Running,
      state: info.State.Status,
      pid: info.State.Pid,
      exitCode: info.State.ExitCode,
    }
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    const container = await this.call(`create ${spec.name}`, () =>
      this.docker.createContainer({
        name: spec.name,
        Image: spec.image,
        Cmd: spec.cmd,
        Env: spec.env,
        Labels: spec.labels,
        Hostname: spec.hostname,
        HostConfig: {
          Binds: spec.binds,
          NetworkMode: spec.networkMode,
          PidMode: spec.pidMode,
          IpcMode: spec.ipcMode,
        },
      }),
    )
    debug('created %s as %s', spec.name, shortId(container.id))
    return container.id
  }

  async startContainer(id: string): Promise<void> {
    await this.call(`start ${shortId(id)}`, () => this.docker.getContainer(id).start())
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    await this.call(`stop ${shortId(id)}`, () => this.docker.getContainer(id).stop({t: timeoutSeconds}))
  }

  async removeContainer(id: string): Promise<void> {
    await this.call(`remove ${shortId(id)}`, () => this.docker.getContainer(id).remove({force: true}))
  }

  async killContainer(id: string, signal: string): Promise<void> {
    await this.call(`kill ${shortId(id)} ${signal}`, () => this.docker.getContainer(id).kill({signal}))
  }

  async exec(id: string, cmd: string[]): Promise<ExecResult> {
    return this.call(`exec ${shortId(id)} ${JSON.stringify(cmd)}`, async () => {
      const exec = await this.docker.getContainer(id).exec({Cmd: cmd, AttachStdout: true, AttachStderr: true})
      const stream = await exec.start({hijack: true, stdin: false})
      const stdout = collect()
      const stderr = collect()
      this.docker.modem.demuxStream(stream, stdout.sink, stderr.sink)
      // The exit code is only final once the engine has closed the output stream.
      await new Promise<void>((resolve, reject) => {
        stream.on('end', resolve)
        stream.on('close', resolve)
        stream.on('error', reject)
      })
      // The engine may report the exec as running for a moment after its output ends.
      let details = await exec.inspect()
      for (let attempt = 0; details.Running && attempt < EXEC_EXIT_POLLS; attempt++) {
        await sleep(EXEC_EXIT_POLL_MS)
        details = await exec.inspect()
      }

      return {stdout: stdout.text(), stderr: stderr.text(), exitCode: details.ExitCode ?? -1}
    })
  }

  async readFile(id: string, path: string, maxBytes: number): Promise<string | undefined> {
    let archive: NodeJS.ReadableStream
    try {
      archive = await this.call(`read ${shortId(id)}:${path}`, () => this.docker.getContainer(id).getArchive({path}))
    } catch (error) {
      if (engineStatusCode(error) === 404) return undefined
      throw error
    }

    // The engine sends the path as a tar archive; a link or FIFO arrives as an entry without content, not followed.
    const extract = tar.extract()
    let content: string | undefined
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = []
      const readsContent = content === undefined && header.type === 'file' && (header.size ?? 0) <= maxBytes
      stream.on('data', (chunk) => {
        if (readsContent) chunks.push(chunk as Buffer)
      })
      stream.on('end', () => {
        if (readsContent) content = Buffer.concat(chunks).toString('utf8')
        next()
      })
      stream.resume()
    })
    await pipeline(archive, extract as unknown as NodeJS.WritableStream)
    return content
  }

  async imageExists(reference: string): Promise<boolean> {
    return this.exists(`inspect image ${reference}`, () => this.docker.getImage(reference).inspect())
  }

  async pullImage(reference: string, onProgress: (line: string) => void, signal?: AbortSignal): Promise<void> {
    await this.call(`pull ${reference}`, async () => {
      const stream = await this.docker.pull(reference, {abortSignal: signal})
      await this.followProgress(stream, onProgress)
    })
  }

  async buildImage(context: NodeJS.ReadableStream, tag: string): Promise<void> {
    await this.call(`build ${tag}`, async () => {
      const stream = await this.docker.buildImage(context, {t: tag, forcerm: true})
      await this.followProgress(stream, (line) => debug('build %s: %s', tag, line))
    })
  }

  async volumeExists(name: string): Promise<boolean> {
    return this.exists(`inspect volume ${name}`, () => this.docker.getVolume(name).inspect())
  }

  async createVolume(name: string, labels: Record<string, string>): Promise<void> {
    await this.call(`create volume ${name}`, () => this.docker.createVolume({Name: name, Labels: labels}))
  }

  async listVolumes(labels: string[]): Promise<VolumeSummary[]> {
    const result = await this.call('list volumes', () => this.docker.listVolumes({filters: {label: labels}}))
    return (result.Volumes ?? []).map((volume) => ({name: volume.Name, labels: volume.Labels ?? {}}))
  }

  async removeVolume(name: string): Promise<void> {
    await this.call(`remove volume ${name}`, () => this.docker.getVolume(name).remove())
  }

  /** Runs an inspect call and returns false when the engine returns 404 for it. */
  private async exists(what: string, inspect: () => Promise<unknown>): Promise<boolean> {
    try {
      await this.call(what, inspect)
      return true
    } catch (error) {
      if (engineStatusCode(error) === 404) return false
      throw error
    }
  }

  /** Follows a pull or build stream to its end; the engine reports failures inside the stream, not by status. */
  private followProgress(stream: NodeJS.ReadableStream, onProgress: (line: string) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.docker.modem.followProgress(
        stream,
        (error: Error | null) => (error ? reject(error) : resolve()),
        (event: {error?: string; status?: string; stream?: string; id?: string; progressDetail?: {current?: number}}) => {
          if (event.error) {
            reject(new Error(event.error))
            return
          }

          // Byte counts of a layer's download or extraction arrive many times a second. The status lines around
          // them (Pulling fs layer, Download complete, Pull complete) are enough to follow a pull.
          // NOTE: no registry is reachable where podpid is tested, so pull output has only been read, not run.
          if (event.progressDetail?.current !== undefined) return

          const line = [event.id, event.status, event.stream?.trimEnd()].filter(Boolean).join(': ')
          if (line) onProgress(line)
        },
      )
    })
  }

  /**
   * Runs one engine call with a debug line before and after it. An unreachable engine or a denied socket becomes
   * the one error that every command reports the same way, with exit code 3. Other errors keep their statusCode
   * for the caller.
   */
  private async call<T>(what: string, operation: () => Promise<T>): Promise<T> {
    debug('%s', what)
    try {
      const result = await operation()
      debug('%s: done', what)
      return result
    } catch (error) {
      debug('%s: failed: %O', what, error)
      if ((error as NodeJS.ErrnoException).code === 'EACCES') {
        throw new PodpidError(
          `permission denied on the Docker engine at ${this.address}: run podpid as root or as a member of the docker group`,
          ExitCode.engineUnavailable,
          {cause: error},
        )
      }

      if (isEngineUnreachable(error)) {
        throw new PodpidError(
          `cannot connect to the Docker engine at ${this.address}: start dockerd, or set DOCKER_HOST to a running engine`,
          ExitCode.engineUnavailable,
          {cause: error},
        )
      }

      throw error
    }
  }
}

function collect(): {sink: PassThrough; text: () => string} {
  const sink = new PassThrough()
  const chunks: Buffer[] = []
  sink.on('data', (chunk: Buffer) => chunks.push(chunk))
  return {sink, text: () => Buffer.concat(chunks).toString('utf8')}
}
