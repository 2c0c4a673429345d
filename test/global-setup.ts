// Builds the local busybox images that end-to-end tests run as pod members. The CLI itself must be built first
// (`npm test` runs `npm run build`), because the tests run bin/run.js as a user would.
import {existsSync} from 'node:fs'

export default async function setup(): Promise<void> {
  if (!existsSync(new URL('../dist/commands/run.js', import.meta.url))) {
    throw new Error('dist/ is missing: run `npm run build` before the tests (`npm test` does both)')
  }

  // @ts-expect-error: scripts/ is plain JavaScript without type declarations.
  const {ensureBusyboxImage, ensureSleepingInfraImage} = await import('../scripts/images.js')
  await ensureBusyboxImage()
  await ensureSleepingInfraImage()
}
