// /api/ask with HEARING_PAGE_URL: the answer's link to its card on the quick reference page, as a field.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sharedEngine } from '../../search/helpers.js';
import { startTestDoor } from './helpers.js';

const PAGE = 'https://rd.example.cn/quick-reference.html';
let door: Awaited<ReturnType<typeof startTestDoor>> | undefined;
afterEach(async () => {
  await door?.close();
  vi.unstubAllEnvs();
});

const ask = async (text: string) => {
  const response = await fetch(`${door!.url}/api/ask`, {
    method: 'POST',
    body: JSON.stringify({ text }),
    headers: { 'Content-Type': 'application/json' },
  });
  return (await response.json()) as { link?: string; results?: { id: string; link?: string }[] };
};

describe('/api/ask and the quick reference page', () => {
  it('with HEARING_PAGE_URL the answer carries `link` (and each item its own) to the item anchor', async () => {
    vi.stubEnv('HEARING_PAGE_URL', PAGE);
    door = await startTestDoor({}, { engine: sharedEngine() });
    const body = await ask('汉融通是什么');
    const first = body.results![0]!;
    expect(body.link).toBe(`${PAGE}#${first.id}`);
    expect(first.link).toBe(body.link);
  });

  it('without it there is no link field', async () => {
    door = await startTestDoor({}, { engine: sharedEngine() });
    const body = await ask('汉融通是什么');
    expect(body.link).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain('"link"');
  });
});
