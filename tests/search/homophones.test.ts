// Misheard words: a character that sounds like the hearing's is corrected, and nothing else is.
import { describe, expect, it } from 'vitest';
import { sharedEngine } from './helpers.js';

const corrections = (message: string) =>
  sharedEngine()
    .read(message)
    .corrections.map((c) => `${c.from}>${c.to}`);

describe('misheard words', () => {
  it.each([
    ['经心局怎么说', '经心局>经信局'],
    ['一标三食是什么', '一标三食>一标三实'],
    ['智惠农业怎么搞', '智惠农业>智慧农业'],
    ['首席数字关', '首席数字关>首席数字官'],
    ['胡书华问了什么', '胡书华>胡树华'],
    ['王元程说了啥', '王元程>汪元程'],
    ['低成本算例服务', '算例>算力'],
  ])('%s: %s', (message, correction) => {
    expect(corrections(message)).toEqual([correction]);
  });

  it('names the body it corrects to, so a misheard body routes like its name', () => {
    expect([...sharedEngine().read('经心局').bodies]).toEqual(['市经信局']);
  });

  it.each([
    ['房价会跌吗', 'an everyday word that sounds like another (放假) is no mistake'],
    ['放假安排', 'a word the hearing does not use is never reached'],
    ['农村电网', 'a different sound (电网, 电商) is no homophone'],
    ['数字化转型的成本', '的 is heard as de, not as di (低成本)'],
    ['算例', 'a two-character word needs its neighbours to stand so in the hearing'],
    ['汉融通', 'a word as the hearing writes it'],
  ])('%s stays as typed: %s', (message) => {
    expect(corrections(message)).toEqual([]);
  });
});
