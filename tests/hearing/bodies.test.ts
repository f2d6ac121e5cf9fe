// Body names as people type them: printed, official and alias names resolve; near misses get a did-you-mean.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBody } from '../../src/commitments/bodies.js';
import { loadGlossary } from '../../src/hearing/glossary.js';
import { DATA_DIR } from '../../src/search/artefacts.js';

const { bodies } = loadGlossary(join(DATA_DIR, 'glossary.json'));

describe('resolveBody', () => {
  it.each([
    ['经开区', '经开区管委会'],
    ['经开区管委会', '经开区管委会'],
    ['武汉经济技术开发区管理委员会', '经开区管委会'],
    ['车谷', '经开区管委会'],
    ['市经信局', '市经信局'],
    ['经信局', '市经信局'],
    ['武汉市经济和信息化局', '市经信局'],
    [' 金融局 ', '市地方金融局'],
    ['光谷', '东湖高新区管委会'],
    ['ＣＩＭ', null],
    ['市政府', '市政府'],
  ])('%j → %j', (name, printed) => {
    expect(resolveBody(name, bodies).body?.printed ?? null).toBe(printed);
  });

  it.each([
    ['发改局', ['市发改委']],
    ['经信', ['市经信局']],
    ['统计厅', ['市统计局']],
    ['东湖高新区管委', ['东湖高新区管委会']],
    ['天气', []],
    ['', []],
  ])('%j is unknown; did you mean %j', (name, suggestions) => {
    const resolved = resolveBody(name, bodies);
    expect(resolved.body).toBeNull();
    expect(resolved.suggestions).toEqual(suggestions);
  });
});
