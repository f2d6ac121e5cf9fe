// Door configuration from the environment: blank means unset, every problem named with its variable, secrets unshown.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DoorConfigError,
  envFlag,
  envHost,
  envList,
  envPort,
  envWholeNumber,
  parseEnv,
} from '../../../bots/door/env.js';

const Schema = z.object({
  DOOR_PORT: envPort().optional(),
  DOOR_HOST: envHost().optional(),
  DOOR_FLAG: envFlag().optional(),
  DOOR_LIST: envList().optional(),
  DOOR_SIZE: envWholeNumber(z.number().min(10, 'must be at least 10')).optional(),
  DOOR_TOKEN: z.string({ required_error: 'missing; set it to the token the platform gave you' }).min(20, 'too short'),
});

function problems(env: Record<string, string | undefined>): string {
  try {
    parseEnv('door', Schema, env, { secrets: ['DOOR_TOKEN'], docs: 'README.md, "Door"' });
  } catch (error) {
    expect(error).toBeInstanceOf(DoorConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

const TOKEN = 'a_token_long_enough_123';

describe('parseEnv', () => {
  it('trims values, takes blank ones as unset and fills in the defaults', () => {
    expect(
      parseEnv('door', Schema, { DOOR_TOKEN: ` ${TOKEN}\n`, DOOR_PORT: ' ', DOOR_LIST: '甲群，乙群, ,@@id\n' }),
    ).toEqual({ DOOR_LIST: ['甲群', '乙群', '@@id'], DOOR_TOKEN: TOKEN });
  });

  it.each([
    ['yes', true],
    ['ON', true],
    ['0', false],
    ['off', false],
  ])('reads the flag %s', (value, expected) => {
    expect(parseEnv('door', Schema, { DOOR_TOKEN: TOKEN, DOOR_FLAG: value }).DOOR_FLAG).toBe(expected);
  });

  it('names every problem at once, with the value it got, and where to read more', () => {
    const message = problems({
      DOOR_TOKEN: TOKEN,
      DOOR_PORT: '70000',
      DOOR_HOST: 'a b',
      DOOR_FLAG: 'maybe',
      DOOR_SIZE: '5',
    });
    expect(message).toBe(
      [
        'door: cannot start, check the environment (see README.md, "Door"):',
        '  DOOR_PORT: must be a port from 1 to 65535 (got "70000")',
        '  DOOR_HOST: must be a host name or IP address such as 127.0.0.1 (got "a b")',
        '  DOOR_FLAG: must be true or false (got "maybe")',
        '  DOOR_SIZE: must be at least 10 (got "5")',
      ].join('\n'),
    );
  });

  it('never shows a secret’s value, and says what to do when it is missing', () => {
    expect(problems({ DOOR_TOKEN: 'short_secret' })).toContain('DOOR_TOKEN: too short');
    expect(problems({ DOOR_TOKEN: 'short_secret' })).not.toContain('short_secret');
    expect(problems({})).toContain('DOOR_TOKEN: missing; set it to the token the platform gave you');
  });
});
