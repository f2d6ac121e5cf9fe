// Pacing a door's messages per chat under the platform's per-minute limit, on a fake clock.
import { describe, expect, it } from 'vitest';
import { createPacer } from '../../../bots/door/pace.js';

function fakeClock() {
  let t = 1_000_000;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    slept,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('createPacer', () => {
  it('lets N messages a minute through at once, then holds the next until the oldest is a minute old', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ perMinute: 3, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 3; i++) {
      await pacer.wait('group');
      clock.advance(1000);
    }
    expect(clock.slept).toEqual([]);
    await pacer.wait('group');
    expect(clock.slept).toEqual([57_000]);
  });

  it('paces each chat on its own', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ perMinute: 1, now: clock.now, sleep: clock.sleep });
    await pacer.wait('a');
    await pacer.wait('b');
    expect(clock.slept).toEqual([]);
    await pacer.wait('a');
    expect(clock.slept).toEqual([60_000]);
  });

  it('refuses a limit that is not a whole number of at least one', () => {
    expect(() => createPacer({ perMinute: 0 })).toThrow(/perMinute must be a whole number of at least 1, got 0/);
    expect(() => createPacer({ perMinute: 2.5 })).toThrow(RangeError);
  });
});
