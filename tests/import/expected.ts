// The import fixtures' expected readings (fixtures/expected.json) and the bodies table they are read with; no test
// runner here, so the bench reads them too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadCities } from '../../src/hearing/cities.js';
import { AnsweringBodySchema, loadGlossary } from '../../src/hearing/glossary.js';
import type { KnownBodies } from '../../src/import/bodies.js';
import { DATA_DIR } from '../../src/paths.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const fixture = (name: string) => join(FIXTURES, name);

const PairSchema = z.tuple([
  z.string(), // asker
  z.string(), // asker title
  z.string(), // body
  z.string().nullable(), // answering person
  z.string(), // first words of the question
  z.string(), // first words of the answer
]);
export type ExpectedPair = z.infer<typeof PairSchema>;

const ExpectedSchema = z.object({
  $comment: z.string(),
  cases: z.array(
    z.object({
      file: z.string(),
      traps: z.string(),
      shape: z.string(),
      city: z.string(),
      /** null when the text prints no year; `writeDate` is then given with --date. */
      date: z.string().nullable(),
      writeDate: z.string().optional(),
      pairs: z.array(PairSchema).min(2),
      closing: z.string().optional(),
      unplaced: z.array(z.number()).optional(),
    }),
  ),
  bodies: z.array(AnsweringBodySchema),
});
export type ExpectedCase = z.infer<typeof ExpectedSchema>['cases'][number];

const expected = ExpectedSchema.parse(JSON.parse(readFileSync(fixture('expected.json'), 'utf8')));
export const CASES: ExpectedCase[] = expected.cases;

/** The project's bodies table plus the bodies of the fixtures' cities, as the table grows with imported hearings. */
export const BODIES: KnownBodies = {
  bodies: [...loadGlossary(join(DATA_DIR, 'glossary.json')).bodies, ...expected.bodies],
  home: loadCities().home,
};
