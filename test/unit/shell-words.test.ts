import {describe, expect, it} from 'vitest'
import {splitShellWords} from '../../src/shell-words.js'
import {declareUsageErrorTests} from './helpers.js'

describe('splitShellWords', () => {
  // Each expected split is what dash 0.5.12 (Debian's sh) yields for the same text, except that sh would expand the
  // 'no expansion' line.
  it.each([
    {name: 'plain words', line: 'sleep 3600', words: ['sleep', '3600']},
    {name: 'extra spaces', line: '  a   b  ', words: ['a', 'b']},
    {name: 'tabs and newlines', line: 'a\tb\nc\n', words: ['a', 'b', 'c']},
    {name: 'empty line', line: '', words: []},
    {name: 'blank line', line: ' \t\n', words: []},
    {name: 'single-quoted script', line: "sh -c 'sleep 1 & exec sleep 3600'", words: ['sh', '-c', 'sleep 1 & exec sleep 3600']},
    {name: 'single quotes literal', line: `'a\\b"c $x'`, words: ['a\\b"c $x']},
    {name: 'double-quoted escapes', line: '"a \\"b\\" \\\\ \\$HOME \\`x\\`"', words: ['a "b" \\ $HOME `x`']},
    {name: 'double quotes keep backslash', line: '"a\\nb"', words: ['a\\nb']},
    {name: 'single quote in doubles', line: `"it's"`, words: ["it's"]},
    {name: 'backslash space', line: 'a\\ b c', words: ['a b', 'c']},
    {name: 'backslash quote', line: "\\'x", words: ["'x"]},
    {name: 'backslash backslash', line: '\\\\', words: ['\\']},
    {name: 'empty single-quoted word', line: "''", words: ['']},
    {name: 'empty double-quoted word', line: '""', words: ['']},
    {name: 'empty word between', line: "a '' b", words: ['a', '', 'b']},
    {name: 'adjacent quoted parts', line: `a'b'"c"`, words: ['abc']},
    {name: 'quoted part mid-word', line: `--name="my app"x`, words: ['--name=my appx']},
    {name: 'no expansion', line: '$HOME * ~ `id`', words: ['$HOME', '*', '~', '`id`']},
    {name: 'backslash newline', line: 'a\\\nb', words: ['ab']},
    {name: 'backslash newline in doubles', line: '"a\\\nb"', words: ['ab']},
  ])('split $name', ({line, words}) => {
    expect(splitShellWords(line)).toEqual(words)
  })

  describe.each([
    {name: 'single quote', line: "sh -c 'sleep 1"},
    {name: 'double quote', line: 'echo "hi'},
    {name: 'escaped closing quote', line: '"abc\\"'},
    {name: 'mixed quotes', line: `a 'b" c`},
  ])('split rejects unterminated $name', ({line}) => {
    declareUsageErrorTests(() => splitShellWords(line), 'unterminated')
  })
})
