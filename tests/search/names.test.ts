// Body names as people type them (shared by the chat and the promises CLI): every name resolves; near misses get a did-you-mean.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGlossary } from '../../src/hearing/glossary.js';
import { DATA_DIR } from '../../src/paths.js';
import { answeringBodies, editDistance, resolveBody } from '../../src/search/names.js';
import { createNormaliser } from '../../src/search/normalise.js';

const { bodies } = loadGlossary(join(DATA_DIR, 'glossary.json'));
const found = (name: string, options = {}) => {
  const resolved = resolveBody(name, bodies, options);
  return resolved.kind === 'found' ? resolved.value : null;
};

describe('resolveBody', () => {
  it.each([
    ['经开区', '经开区管委会'],
    ['经开区管委会', '经开区管委会'],
    ['武汉经济技术开发区管理委员会', '经开区管委会'],
    ['车谷', '经开区管委会'],
    ['市经开区', '经开区管委会'],
    ['市经信局', '市经信局'],
    ['经信局', '市经信局'],
    ['武汉市经信局', '市经信局'],
    ['武汉市经济和信息化局', '市经信局'],
    ['经信局的回答', '市经信局'],
    [' 金融局 ', '市地方金融局'],
    ['光谷', '东湖高新区管委会'],
    ['市政府', '市政府'],
    ['市场监督管理局', '市市场监管局'],
    ['市大数据局', '市政务服务大数据局'],
    // A unique fragment either way round: 经信 is in 经信局, 发改局 holds the alias 发改, 东湖高新区管委 is in the printed name.
    ['经信', '市经信局'],
    ['东湖高新', '东湖高新区管委会'],
    ['发改局', '市发改委'],
    ['东湖高新区管委', '东湖高新区管委会'],
    ['东湖高新区管委会的回答', '东湖高新区管委会'],
    ['ＣＩＭ', null],
  ])('%j → %j', (name, printed) => {
    expect(found(name)).toBe(printed);
  });

  it.each([
    ['經信局', '市经信局'],
    ['統計局', '市统计局'],
    ['經開區', '经开区管委会'],
  ])('Traditional %j → %j with the search normaliser', (name, printed) => {
    const normalise = createNormaliser(new Set('經統計開區'));
    expect(found(name, { normalise })).toBe(printed);
  });

  it.each([
    ['经心局', ['市经信局']],
    ['商物局', ['市商务局']],
    ['城建居', ['市城建局']],
    ['统计厅', ['市统计局']],
    ['管委会', ['经开区管委会', '东湖高新区管委会', '临空港开发区管委会']],
  ])('%j is a near miss; did you mean %j', (name, candidates) => {
    expect(resolveBody(name, bodies)).toEqual({ kind: 'did-you-mean', candidates });
  });

  it.each(['天气', '教育局', 'x', '', '  ', '的回答'])('%j is no body', (name) => {
    expect(resolveBody(name, bodies)).toEqual({ kind: 'none' });
  });

  it('only knows the bodies it is given', () => {
    expect(
      resolveBody(
        '经信局',
        bodies.filter((b) => b.printed !== '市经信局'),
      ),
    ).toEqual({ kind: 'none' });
  });
});

describe('answeringBodies', () => {
  it('keeps glossary order, and gives a body the glossary lacks its printed name only', () => {
    const chosen = answeringBodies(bodies, ['市统计局', '市经信局', '市新设局', '市经信局']);
    expect(chosen.map((b) => b.printed)).toEqual(['市经信局', '市统计局', '市新设局']);
    expect(chosen[2]).toEqual({ printed: '市新设局', official: '市新设局', aliases: [] });
    expect(resolveBody('新设局', chosen)).toEqual({ kind: 'found', value: '市新设局' });
  });
});

describe('editDistance', () => {
  it.each([
    ['经信局', '经心局', 1],
    ['', '统计局', 3],
    ['𠀀a', 'a', 1],
  ])('%j ~ %j = %i (code points)', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});
