import {PodpidError, ExitCode} from './errors.js'

/**
 * Splits a command line into words the way a POSIX shell does, without running a shell or expanding anything.
 * Whitespace separates words. Single quotes keep everything literally. Double quotes keep everything except the
 * escapes `\"`, `\\`, `\$` and "\`". Outside quotes, a backslash escapes the next character. Anywhere but in single
 * quotes, a backslash followed by a newline is removed.
 */
export function splitShellWords(line: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: "'" | '"' | undefined

  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string

    if (quote === "'") {
      if (char === "'") quote = undefined
      else word += char
      continue
    }

    if (quote === '"') {
      if (char === '"') {
        quote = undefined
      } else if (char === '\\' && line[i + 1] === '\n') {
        i++
      } else if (char === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] as string)) {
        word += line[++i]
      } else {
        word += char
      }

      continue
    }

    if (char === "'" || char === '"') {
      quote = char
      inWord = true
    } else if (char === '\\') {
      // A backslash before a newline joins the lines; before anything else it quotes that character.
      if (line[i + 1] === '\n') {
        i++
        continue
      }

      if (i + 1 < line.length) word += line[++i]
      inWord = true
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += char
      inWord = true
    }
  }

  if (quote) {
    throw new PodpidError(`invalid command '${line}': unterminated ${quote} quote`, ExitCode.usage)
  }

  if (inWord) words.push(word)
  return words
}
