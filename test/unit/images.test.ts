import {describe, expect, it} from 'vitest'
import {isStaticElf} from '../../src/images.js'

const PT_LOAD = 1
const PT_INTERP = 3

/** Builds a minimal 64-bit little-endian ELF header followed by program headers of the given types. */
function elf(programTypes: number[], options: {bits?: 1 | 2; truncate?: number} = {}): Buffer {
  const headerSize = 56
  const file = Buffer.alloc(64 + programTypes.length * headerSize)
  file.writeUInt32BE(0x7f454c46, 0)
  file[4] = options.bits ?? 2
  file[5] = 1
  file.writeBigUInt64LE(64n, 0x20)
  file.writeUInt16LE(headerSize, 0x36)
  file.writeUInt16LE(programTypes.length, 0x38)
  programTypes.forEach((type, index) => file.writeUInt32LE(type, 64 + index * headerSize))
  return options.truncate === undefined ? file : file.subarray(0, options.truncate)
}

describe('isStaticElf', () => {
  it.each([
    {name: 'loadable segments only', file: elf([PT_LOAD, PT_LOAD]), expected: true},
    {name: 'with an interpreter', file: elf([PT_LOAD, PT_INTERP, PT_LOAD]), expected: false},
    {name: '32-bit ELF', file: elf([PT_LOAD], {bits: 1}), expected: false},
    {name: 'truncated program headers', file: elf([PT_LOAD, PT_LOAD], {truncate: 100}), expected: false},
    {name: 'a shell script', file: Buffer.from('#!/bin/sh\nexec sleep 1\n'.padEnd(80)), expected: false},
    {name: 'an empty file', file: Buffer.alloc(0), expected: false},
  ])('$name', ({file, expected}) => {
    expect(isStaticElf(file)).toBe(expected)
  })
})
