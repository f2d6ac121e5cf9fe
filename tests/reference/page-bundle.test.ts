// The page's script as bundled: one self-contained ES2017 script that an old phone browser can parse.
import { describe, expect, it } from 'vitest';
import { pageScript } from '../../src/reference/page-bundle.js';

const script = pageScript();

describe('the bundled page script', () => {
  it('is one script that imports nothing and reaches for nothing of Node', () => {
    expect(() => new Function(script)).not.toThrow();
    expect(script).not.toMatch(/\bimport\s*[({'"]|\brequire\(|\bexport\s|\bprocess\.|\bBuffer\b/);
  });

  it('has no syntax newer than ES2017: no ?? or ?. and no Unicode property escape in a regular expression literal', () => {
    expect(script).not.toMatch(/\?\?|\?\.[a-z_$(]/i);
    // `\p{…}` only inside a string (written `\\p{`), which a browser without it reaches in a try, not while parsing.
    expect(script).not.toMatch(/(?<!\\)\\p\{/);
    expect(script).toContain('\\\\p{L}');
  });

  it('cannot end its <script> element early', () => {
    expect(script).not.toMatch(/<\/script/i);
  });
});
