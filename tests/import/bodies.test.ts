// The answering body in a speaker's words, named as the one bodies table (data/glossary.json `bodies`) prints it for the
// hearing's city; the person who answered is kept.
import { describe, expect, it } from 'vitest';
import { answererOf, bodyTable, namesTwo } from '../../src/import/bodies.js';
import { BODIES } from './expected.js';

const wuhan = bodyTable(BODIES, '武汉市');
const changsha = bodyTable(BODIES, '长沙市');

describe('answererOf', () => {
  it.each([
    ['市发改委主任王五', wuhan, { body: '市发改委', answerer: '市发改委主任王五' }],
    ['武汉市经济和信息化局局长王五', wuhan, { body: '市经信局', answerer: '武汉市经济和信息化局局长王五' }],
    ['经信局负责人', wuhan, { body: '市经信局', answerer: '经信局负责人' }],
    ['市政府国资委主任赵六', wuhan, { body: '市政府国资委', answerer: '市政府国资委主任赵六' }],
    ['东湖高新区管委会副主任钱七', wuhan, { body: '东湖高新区管委会', answerer: '东湖高新区管委会副主任钱七' }],
    ['市发改委党组书记、主任王五', wuhan, { body: '市发改委', answerer: '市发改委党组书记、主任王五' }],
    ['市经信局', wuhan, { body: '市经信局', answerer: null }],
    ['市自然资源局有关负责人', wuhan, { body: '市自然资源局', answerer: '市自然资源局有关负责人' }],
    ['市发展改革委负责人', changsha, { body: '市发改委', answerer: '市发展改革委负责人' }],
    // Another city's body is not renamed after Wuhan's: 经信局 in 长沙 stays as printed.
    ['市经济和信息化局局长孙八', changsha, { body: '市经济和信息化局', answerer: '市经济和信息化局局长孙八' }],
  ])('%s', (speaker, table, expected) => {
    expect(answererOf(speaker, table)).toEqual(expected);
  });

  it.each(['王五', '张三委员', '市人大常委会副主任李四', '在网络建设方面', '副市长周八'])(
    '%s names no body',
    (speaker) => {
      expect(answererOf(speaker, wuhan)).toBeNull();
    },
  );
});

describe('namesTwo', () => {
  it.each([
    ['张三、李四委员', true],
    ['市人大常委会委员张三、李四', true],
    ['市发改委主任王五和市经信局局长赵六', true],
    ['市发改委党组书记、主任王五', false],
    ['市人大常委会委员、财经委主任委员刘明', false],
    ['武汉市发展和改革委员会', false],
    ['另一位代表', false],
  ])('%s → %s', (speaker, two) => {
    expect(namesTwo(speaker)).toBe(two);
  });
});
