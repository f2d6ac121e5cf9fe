// `npx tsx bench/record-answers.ts`: records the engine's answers (ids only) to every development set into tests/fixtures/answers-before.json, the "before" a ranking change must keep.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { loadEngine } from '../src/search/engine.js';
import { answerIds, setMessages } from './answer-sets.js';

const engine = loadEngine();
const recorded = Object.fromEntries(setMessages().map(({ key, message }) => [key, answerIds(engine, message)]));
const file = join(PROJECT_ROOT, 'tests', 'fixtures', 'answers-before.json');
writeFileSync(file, `${JSON.stringify(recorded, null, 2)}\n`);
console.log(`${Object.keys(recorded).length} messages' answers written to ${file}`);
