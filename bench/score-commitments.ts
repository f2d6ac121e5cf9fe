// `npx tsx bench/score-commitments.ts`: only the commitment extraction score, from the transcripts as they are now (no index needed).
import { basename } from 'node:path';
import { extractCommitments } from '../src/commitments/extract.js';
import { readHearingData } from '../src/hearing/hearing-data.js';
import { parseTranscript } from '../src/hearing/parse.js';
import { readTranscripts } from '../src/hearing/transcripts.js';
import { DATA_DIR } from '../src/paths.js';
import { transcriptFiles } from '../src/search/freshness.js';
import { extractionReport, readLabelled, scoreExtraction } from './commitments.js';

const hearings = readTranscripts(transcriptFiles(DATA_DIR)).map(({ file, text }) =>
  parseTranscript(text, basename(file), readHearingData(file)),
);
console.log(extractionReport(scoreExtraction(extractCommitments(hearings), readLabelled())));
