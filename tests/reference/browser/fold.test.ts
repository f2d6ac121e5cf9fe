// How the page folds text: width and case always, Traditional → Simplified only with characters the page knows.
import { describe, expect, it } from 'vitest';
import { createFold, createPinKey, foldWidthAndCase } from '../../../src/reference/browser/fold.js';

const fold = createFold({ traditional: '數数據据軟软體体', phrases: ['軟體', '软件'] });

describe('the page fold', () => {
  it('turns full-width letters half-width and lower case', () => {
    expect(foldWidthAndCase('ＣＩＭ平台')).toBe('cim平台');
    expect(fold('ＡＩ')).toBe('ai');
  });

  it('turns Traditional characters Simplified, and a Taiwan phrasing into the page word before its characters', () => {
    expect(fold('數據安全')).toBe('数据安全');
    expect(fold('軟體名城')).toBe('软件名城');
  });

  it('leaves Simplified text and characters it has no pair for as they are', () => {
    expect(fold('软体')).toBe('软体');
    expect(fold('數據經濟')).toBe('数据經濟');
  });

  it('keys a pinned question by its letters and digits only', () => {
    const pinKey = createPinKey(fold);
    expect(pinKey(' ＡＩ 數據，怎么办？!')).toBe('ai数据怎么办');
    expect(pinKey('👍 …')).toBe('');
  });
});
