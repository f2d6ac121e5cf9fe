// data/cities.json: the places a message may name (cities, provinces, a city's own parts), and the home city of hearings whose data file names none.
import { existsSync } from 'node:fs';
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
    /** Provinces and regions (江苏, 香港). */
    provinces: z.array(CityName).default([]),
    /** A city's parts and the names people call it by (武汉市: 汉口, 光谷, 江城): they mean that city. */
    local: z.record(CityName, z.array(z.string().trim().min(1).max(10))).default({}),
  })
  .strict();
export type Cities = z.infer<typeof CitiesSchema>;

/** A data folder's own cities.json, else the project's (a folder holding only hearings uses the project's places). */
export function citiesFile(dataDir: string): string {
  const own = join(dataDir, 'cities.json');
  return existsSync(own) ? own : join(DATA_DIR, 'cities.json');
}

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

/** Where a hearing is, as a message names it: its own city and parts, and every other place. */
export interface HearingPlaces {
  /** The city (武汉市, 武汉) and its parts (汉口, 光谷): a message naming one is about the hearing's place. */
  home: string[];
  /** Every other city, province and other cities' parts: a message about one (not comparing with home) is out of scope. */
  elsewhere: string[];
}

/**
 * The places of a hearing held in `city` (武汉市).
 * @example placesOf(loadCities(), '南京市').home // ['南京市', '南京']
 */
export function placesOf(cities: Cities, city: string): HearingPlaces {
  const short = city.replace(/市$/, '');
  const home = [...new Set([city, short, ...(cities.local[city] ?? [])])];
  const othersParts = Object.entries(cities.local).flatMap(([other, parts]) => (other === city ? [] : parts));
  const elsewhere = [...new Set([...cities.cities, ...cities.provinces, ...othersParts])].filter(
    (p) => !home.includes(p),
  );
  return { home, elsewhere };
}
