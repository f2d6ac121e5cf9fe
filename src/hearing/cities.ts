// data/cities.json: the city names a message may name, and the home city of hearings whose data file names none.
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from '../json-file.js';
import { DATA_DIR } from '../paths.js';

const CityName = z
  .string()
  .trim()
  .regex(/^\p{Script=Han}{2,6}$/u, 'a city name of 2–6 Chinese characters');

export const CitiesSchema = z
  .object({
    $comment: z.string().optional(),
    /** The city of a hearing whose data file has no "city" (this project's own: 武汉市). */
    home: CityName,
    /** Names as people type them, without 市 (南京, 成都). */
    cities: z.array(CityName).min(1),
  })
  .strict();
export type Cities = z.infer<typeof CitiesSchema>;

/**
 * Reads and validates the city list; throws one line naming the file and the field when it is malformed.
 * @example loadCities().home // '武汉市'
 */
export function loadCities(file: string = join(DATA_DIR, 'cities.json')): Cities {
  return readJsonFile(file, CitiesSchema, {
    room: 'cities',
    fix: ' (expected {"home": "武汉市", "cities": ["南京", "成都", …]})',
  });
}
