// Group etiquette: which group messages are for the bot, what reads as a question, what un-addressed chatter may get.
import { describe, expect, it } from 'vitest';
import { addressGroupText, hasQuestionCue, isGroupCommand, worthSaying } from '../../src/chat/etiquette.js';
import { parseIntent } from '../../src/chat/intent.js';
import type { Reply } from '../../src/chat/reply.js';

const on = { prefix: null, answerPlainQuestions: true };
const plain = (text: string) => ({ text, mentionsBot: false, mentionsOthers: false });

describe('addressGroupText', () => {
  it.each([
    ['经开区汽车怎么说', { text: '经开区汽车怎么说', addressed: false }],
    ['大家好', { text: '大家好', addressed: false }],
    ['/dept 市经信局', { text: '/dept 市经信局', addressed: true }],
    ['部门 市经信局', { text: '部门 市经信局', addressed: true }],
    ['谁问了朱库成', { text: '谁问了朱库成', addressed: true }],
    ['/list', { text: '/list', addressed: true }],
    ['目录', null],
    ['开始', null],
    ['/start@other_bot', null],
    ['/weather 武汉', null],
  ])('%s', (text, expected) => {
    expect(addressGroupText(plain(text), on)).toEqual(expected);
  });

  it('answers the bot’s mentions whatever they say, and leaves other people’s alone', () => {
    expect(addressGroupText({ text: '今天天气', mentionsBot: true, mentionsOthers: false }, on)).toEqual({
      text: '今天天气',
      addressed: true,
    });
    expect(addressGroupText({ text: '/dept 市经信局', mentionsBot: false, mentionsOthers: true }, on)).toBeNull();
  });

  it('takes the prefix as addressing the bot, with or without a space or colon', () => {
    const etiquette = { prefix: '#问', answerPlainQuestions: false };
    expect(addressGroupText(plain('#问 汉融通'), etiquette)).toEqual({ text: '汉融通', addressed: true });
    expect(addressGroupText(plain('#问：汉融通'), etiquette)).toEqual({ text: '汉融通', addressed: true });
    expect(addressGroupText(plain('经开区汽车怎么说'), etiquette)).toBeNull();
    expect(addressGroupText(plain('/q 5'), etiquette)).toEqual({ text: '/q 5', addressed: true });
  });

  it('isGroupCommand needs an argument for Chinese aliases', () => {
    expect(['主题 2', '主题2', '第5题', '问题 5'].map(isGroupCommand)).toEqual([true, true, true, true]);
    expect(['主题', '部门', '帮助', '部门工作怎么样'].map(isGroupCommand)).toEqual([false, false, false, false]);
  });
});

describe('hasQuestionCue', () => {
  it.each([
    ['经开区汽车怎么说', true],
    ['經開區汽車怎麼說', true],
    ['如何打破数据壁垒', true],
    ['汉融通是什么', true],
    ['有软件名城吗', true],
    ['芯片?', true],
    ['芯片？', true],
    ['汉融通', false],
    ['好的收到', false],
    ['大家好', false],
  ])('%j → %s', (text, expected) => {
    expect(hasQuestionCue(text)).toBe(expected);
  });
});

describe('worthSaying', () => {
  const answer = (coverage: number): Reply => ({
    kind: 'answer',
    source: 'search',
    title: null,
    items: [],
    related: [],
    suggestions: [],
    coverage,
  });
  const unknown: Reply = { kind: 'unknown-command', command: 'foo', suggestions: [] };
  const chatter = { chat: 'group', addressed: false } as const;

  it('lets un-addressed group chatter have only a confident answer to something that reads as a question', () => {
    expect(worthSaying(parseIntent('经开区汽车怎么说'), answer(0.9), chatter)).toBe(true);
    expect(worthSaying(parseIntent('经开区汽车怎么说'), answer(0.6), chatter)).toBe(false);
    expect(worthSaying(parseIntent('经开区汽车'), answer(1), chatter)).toBe(false);
    expect(worthSaying(parseIntent('今天天气怎么样'), { kind: 'help' } as Reply, chatter)).toBe(false);
  });

  it('answers commands in groups but keeps quiet about other bots’ commands', () => {
    expect(worthSaying(parseIntent('/dept 经信局'), answer(1), chatter)).toBe(true);
    expect(worthSaying(parseIntent('/foo'), unknown, chatter)).toBe(false);
    expect(worthSaying(parseIntent('/foo'), unknown, { chat: 'group' })).toBe(false);
    expect(worthSaying(parseIntent('/foo'), unknown, { chat: 'private' })).toBe(true);
  });
});
