#!/usr/bin/env -S node --import tsx
// Runs podpid from the TypeScript sources, without a build, for development.
import {execute} from '@oclif/core'

await execute({development: true, dir: import.meta.url})
