// Group etiquette without Wechaty: which group messages are for the bot, and what it hands to the conversation.
import { describe, expect, it } from 'vitest';
import { addressGroupText, isGroupCommand } from '../../bots/wechat/etiquette.js';

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
