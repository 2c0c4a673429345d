import type {Hook} from '@oclif/core'
import {ExitCode} from '../errors.js'

/**
 * Reports an unknown command in one line, or as a JSON error with --json. With a space as topic separator, oclif
 * joins extra words to the command ID (`ls extra` becomes `ls:extra`), so when the first word is a command, the
 * rest are reported as unexpected arguments of it.
 */
const hook: Hook.CommandNotFound = async function (options) {
  const words = options.id.split(':')
  const argv = options.argv ?? []
  const json = argv.includes('--json')
  const known = this.config.findCommand(words[0] ?? '')

  const message = known
    ? `unexpected argument ${words.slice(1).join(' ')}: see 'podpid ${known.id} --help'`
    : `unknown command '${words.join(' ')}': run 'podpid --help' to see the commands`

  if (json) process.stdout.write(JSON.stringify({error: {message, exitCode: ExitCode.usage}}, null, 2) + '\n')
  else process.stderr.write(`Error: ${message}\n`)
  this.exit(ExitCode.usage)
}

export default hook
