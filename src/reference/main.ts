// `npm run reference`: writes dist/quick-reference.html and dist/quick-reference.md from the built index.

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { messageOf } from '../errors.js';
import { PROJECT_ROOT } from '../paths.js';
import { writeQuickReference } from './files.js';

const ArgsSchema = z.object({
  out: z.string().min(1).default(join(PROJECT_ROOT, 'dist')),
  hearing: z.string().min(1).optional(),
});

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, hearing: { type: 'string' } },
    strict: true,
  });
  const args = ArgsSchema.parse(values);
  const written = writeQuickReference({ outDir: args.out, hearingId: args.hearing });
  console.log(`wrote ${written.html.path} (${(written.html.bytes / 1024).toFixed(1)} KiB)`);
  console.log(`wrote ${written.markdown.path} (${(written.markdown.bytes / 1024).toFixed(1)} KiB)`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(messageOf(error));
  process.exitCode = 1;
}
