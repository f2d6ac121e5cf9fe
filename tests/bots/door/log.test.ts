// The doors' one logger: its line format, the redaction every line gets, debug lines on demand, repeats counted.
import { describe, expect, it } from 'vitest';
import { createDoorLog, describeError, redactor, withoutRepeats } from '../../../bots/door/log.js';

describe('createDoorLog', () => {
  it('writes `<time> <door>: …` lines, errors marked, secrets replaced by their names', () => {
    const out: string[] = [];
    const log = createDoorLog('wechat', {
      secrets: [{ name: 'token', value: 'puppet_tok_123' }],
      write: (line) => out.push(line),
      now: () => new Date(0),
      debug: false,
    });
    log.info('starting with puppet_tok_123');
    log.error('failed at https://x.example/?t=puppet_tok_123');
    log.debug('hidden %s', 'detail');
    expect(out).toEqual([
      '1970-01-01T00:00:00.000Z wechat: starting with <token>',
      '1970-01-01T00:00:00.000Z wechat: error: failed at https://x.example/?t=<token>',
    ]);
    expect(log.redact('a puppet_tok_123 b')).toBe('a <token> b');
  });

  it('prints debug lines, printf-style and redacted, when asked', () => {
    const out: string[] = [];
    const log = createDoorLog('telegram', {
      secrets: [{ name: 'token', value: '123456:secret_part' }],
      write: (line) => out.push(line),
      debug: true,
    });
    log.debug('silent on message %d (%s) for 123456:secret_part', 12, 'etiquette');
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('hearing:telegram');
    expect(out[0]).toContain('silent on message 12 (etiquette) for <token>');
  });
});

describe('redactor', () => {
  it('replaces a secret and its URL-encoded form, longest first, and leaves short values alone', () => {
    const redact = redactor([
      { name: 'token', value: '123:abc/def+ghi' },
      { name: 'half', value: 'abc/def+ghi' },
      { name: 'short', value: 'abc' },
      { name: 'unset', value: undefined },
    ]);
    expect(redact('GET /bot123:abc/def+ghi/getMe')).toBe('GET /bot<token>/getMe');
    expect(redact(`q=${encodeURIComponent('123:abc/def+ghi')}`)).toBe('q=<token>');
    expect(redact('only abc/def+ghi here, abc stays')).toBe('only <half> here, abc stays');
  });
});

describe('describeError', () => {
  it('adds the cause, from Error.cause or from an HTTP client’s wrapped error', () => {
    expect(describeError(new Error('fetch failed', { cause: new Error('ECONNREFUSED') }))).toBe(
      'fetch failed (ECONNREFUSED)',
    );
    expect(describeError(Object.assign(new Error('Network request failed'), { error: new Error('reset') }))).toBe(
      'Network request failed (reset)',
    );
    expect(describeError('plain text')).toBe('plain text');
  });
});

describe('withoutRepeats', () => {
  it('counts a repeated line instead of printing it, and says how often it came', () => {
    const out: string[] = [];
    let t = 0;
    const log = withoutRepeats(
      (line) => out.push(line),
      () => t,
      1000,
    );
    for (const line of ['down', 'down', 'down', 'up']) log(line);
    t = 5000;
    log('up');
    expect(out).toEqual(['down', 'down (repeated 2 more times)', 'up', 'up']);
  });
});
