import type {Hook} from '@oclif/core'
import {ExitCode} from '../errors.js'

/**
 * Reports an unknown command in one line. With a space as topic separator, oclif joins extra words to the command
 * ID (`ls extra` becomes `ls:extra`), so the words are shown as the user typed them.
 */
const hook: Hook.CommandNotFound = async function (options) {
  const typed = [options.id.replaceAll(':', ' '), ...(options.argv ?? [])].join(' ')
  process.stderr.write(`Error: unknown command '${typed}': run 'podpid --help' to see the commands\n`)
  this.exit(ExitCode.usage)
}

export default hook
