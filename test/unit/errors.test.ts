import {Errors} from '@oclif/core'
import {describe, expect, it} from 'vitest'
import {toPodpidError} from '../../src/base-command.js'
import {ExitCode, PodpidError} from '../../src/errors.js'

// The oclif messages below are the exact text that @oclif/core 4.14.0 produces for podpid's own commands, from
// lib/parser/errors.js, validate.js and parse.js. Its CLIParseError subclasses end their message in "\nSee more help
// with --help", and the plain CLIErrors of parse.js do not. oclif dims the reasons under "The following error(s)
// occurred:" with ANSI codes when both stdout and stderr support colour.
const SEE_HELP = '\nSee more help with --help'

/** Returns an error shaped like dockerode's for an engine response with an error status. */
function engineError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message}`), {statusCode, json: {message}})
}

/** Returns a PodpidError thrown by a flag's parse function, with the message that oclif rewrites around it. */
function flagParseError(flag: string, message: string): PodpidError {
  const error = new PodpidError(message, ExitCode.usage)
  error.message = `Parsing --${flag} \n\t${message}${SEE_HELP}`
  return error
}

describe('toPodpidError', () => {
  it.each([
    {
      name: 'missing required arg',
      error: new Errors.CLIError(`Missing 1 required arg:\npod  Name of the pod.${SEE_HELP}`),
      commandId: 'ps',
      message: "missing argument POD: see 'podpid ps --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'missing required args',
      error: new Errors.CLIError(
        `Missing 2 required args:\npod        Name of the pod.\ncontainer  Container whose processes receive the signal.${SEE_HELP}`,
      ),
      commandId: 'kill',
      message: "missing argument POD: see 'podpid kill --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'missing arg before multiple flags',
      error: new Errors.CLIError(
        'Missing 1 required arg:\npod  Name of the new pod (lower-case letters, digits and -).\n\n' +
          'Note: --container, --cmd, --env, --volume allow multiple values. Because of this you need to provide all ' +
          'arguments before providing those flags.\n' +
          'Alternatively, you can use "--" to signify the end of the flags and the beginning of arguments.' +
          SEE_HELP,
      ),
      commandId: 'run',
      message: "missing argument POD: see 'podpid run --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'missing required flag',
      error: new Errors.CLIError(`The following error occurred:\n  Missing required flag container${SEE_HELP}`),
      commandId: 'run',
      message: "missing flag --container: see 'podpid run --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'missing required flag, coloured',
      error: new Errors.CLIError(`The following error occurred:\n  \u001B[2mMissing required flag container\u001B[22m${SEE_HELP}`),
      commandId: 'run',
      message: "missing flag --container: see 'podpid run --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'exclusive flags',
      error: new Errors.CLIError(
        'The following errors occurred:\n' +
          '  --match=x cannot also be provided when using --pid\n' +
          '  --pid=3 cannot also be provided when using --match' +
          SEE_HELP,
      ),
      commandId: 'kill',
      message: "--match and --pid cannot be used together: see 'podpid kill --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'exclusive flags, coloured',
      error: new Errors.CLIError(
        'The following errors occurred:\n' +
          '  \u001B[2m--match=x cannot also be provided when using --pid\u001B[22m\n' +
          '\u001B[2m  --pid=3 cannot also be provided when using --match\u001B[22m' +
          SEE_HELP,
      ),
      commandId: 'kill',
      message: "--match and --pid cannot be used together: see 'podpid kill --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'unexpected arg',
      error: new Errors.CLIError(`Unexpected argument: extra${SEE_HELP}`),
      commandId: 'ps',
      message: "unexpected argument extra: see 'podpid ps --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'unexpected args',
      error: new Errors.CLIError(`Unexpected arguments: extra, more${SEE_HELP}`),
      commandId: 'ps',
      message: "unexpected arguments extra, more: see 'podpid ps --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'nonexistent flag',
      error: new Errors.CLIError(`Nonexistent flag: --bogus${SEE_HELP}`),
      commandId: 'ps',
      message: "unknown flag --bogus: see 'podpid ps --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'nonexistent flags',
      error: new Errors.CLIError(`Nonexistent flags: --bogus, --other${SEE_HELP}`),
      commandId: 'ps',
      message: "unknown flag --bogus, --other: see 'podpid ps --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'invalid option value',
      error: new Errors.CLIError(`Expected --network=wifi to be one of: none, bridge, host${SEE_HELP}`),
      commandId: 'run',
      message: "invalid --network 'wifi', which takes one of none, bridge, host: see 'podpid run --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'flag without value',
      error: new Errors.CLIError('Flag --container expects a value'),
      commandId: 'run',
      message: "missing value for --container: see 'podpid run --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'option flag without value',
      error: new Errors.CLIError('Flag --pull expects one of these values: missing, always, never'),
      commandId: 'run',
      message: "missing value for --pull, which takes one of missing, always, never: see 'podpid run --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'flag given twice',
      error: new Errors.CLIError('Flag --signal can only be specified once'),
      commandId: 'kill',
      message: "--signal is given more than once: see 'podpid kill --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'topic command id',
      error: new Errors.CLIError(`Nonexistent flag: --bogus${SEE_HELP}`),
      commandId: 'pod:ls',
      message: "unknown flag --bogus: see 'podpid pod ls --help'",
      exitCode: ExitCode.usage,
    },
    {
      name: 'PodpidError from flag parse',
      error: flagParseError('pid', "invalid --pid '0': use a whole number from 1 to 4194304"),
      commandId: 'kill',
      message: "invalid --pid '0': use a whole number from 1 to 4194304",
      exitCode: ExitCode.usage,
    },
    {
      name: 'PodpidError keeps exit code',
      error: new PodpidError("pod 'nope' not found: run 'podpid ls' to see the pods", ExitCode.notFound),
      commandId: 'ps',
      message: "pod 'nope' not found: run 'podpid ls' to see the pods",
      exitCode: ExitCode.notFound,
    },
    {
      name: 'unexpected plain error',
      error: new Error('boom\n  at somewhere'),
      commandId: 'ps',
      message: 'unexpected failure: boom at somewhere; rerun with DEBUG=podpid:* for details',
      exitCode: ExitCode.failure,
    },
    {
      name: 'unexpected engine error',
      error: engineError(500, 'driver failed programming external connectivity'),
      commandId: 'run',
      message: 'unexpected failure: driver failed programming external connectivity; rerun with DEBUG=podpid:* for details',
      exitCode: ExitCode.failure,
    },
  ])('toPodpidError $name', ({error, commandId, message, exitCode}) => {
    const result = toPodpidError(error, commandId)

    expect(result).toBeInstanceOf(PodpidError)
    expect(result.message).toBe(message)
    expect(result.exitCode).toBe(exitCode)
  })

  it('toPodpidError keeps cause', () => {
    const error = new Error('boom')

    expect(toPodpidError(error, 'ps').cause).toBe(error)
  })
})
