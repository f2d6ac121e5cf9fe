// Follow-up cues: messages that only make sense after the bot's last reply (2, 第二个, 谁问的, 还有呢, 不对, 那光谷呢), read from the text alone.
import { parseNumber } from '../search/names.js';

/**
 * What a follow-up asks of the last reply. Read from the text alone; what it points at is decided with the
 * conversation's memory (see `src/chat/follow-ups.ts`).
 */
export type Cue =
  /** 「2」「第二个」「就是第二个」「第二个详细说说」「最后一个」: that position of the last list or guesses (1-based; -1 last). */
  | { kind: 'pick'; position: number }
  /** 「谁问的」 (asker) or 「哪个部门答的」 (body): about the item(s) just shown. */
  | { kind: 'about'; what: 'asker' | 'body' }
  /** 「还有呢」「还有别的吗」「换一个」: the next related item not yet shown. */
  | { kind: 'more' }
  /** 「下一个」「上一题」: the item after (1) or before (-1) the one just shown, in the hearing's order. */
  | { kind: 'step'; by: 1 | -1 }
  /** 「有什么数字」「有什么目标」「他们计划几年做成」: the commitments of what was just shown. */
  | { kind: 'commitments' }
  /** 「不对」「不是这个」: the answer shown was wrong; the next candidate. */
  | { kind: 'dislike' }
  /** 「那东湖高新区呢」「光谷呢」: the same kind of question about another body, person or topic (`subject`). */
  | { kind: 'elliptical'; subject: string };

/**
 * The follow-up a message reads as, or null when it stands on its own. Every cue but `elliptical` is the whole
 * message (apart from particles and punctuation): 「经开区有什么目标」 names a body and is a question of its own.
 * `normalise` folds Traditional characters, width and case (the engine's normaliser), so 還有呢 reads as 还有呢.
 * @example readCue('就是第二个') // { kind: 'pick', position: 2 }
 * @example readCue('那东湖高新区呢') // { kind: 'elliptical', subject: '东湖高新区' }
 * @example readCue('那经信局的政策落实得怎么样') // null
 */
export function readCue(text: string, normalise: (text: string) => string = identity): Cue | null {
  const s = normalise(String(text ?? '').slice(0, MAX_CUE_CHARS * 4))
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replace(OPENER, '');
  if (s === '' || [...s].length > MAX_CUE_CHARS) return null;
  const bare = s.replace(PARTICLES, '');
  const pick = PICK.exec(bare);
  if (pick) {
    const position = pick[1] === '最后' ? -1 : parseNumber(pick[1]!);
    if (position !== undefined && position >= 1 && position <= MAX_POSITION) return { kind: 'pick', position };
    if (position === -1) return { kind: 'pick', position };
  }
  if (ASKER.test(bare)) return { kind: 'about', what: 'asker' };
  if (BODY.test(bare)) return { kind: 'about', what: 'body' };
  if (NEXT.test(bare)) return { kind: 'step', by: 1 };
  if (PREVIOUS.test(bare)) return { kind: 'step', by: -1 };
  if (MORE.test(bare)) return { kind: 'more' };
  if (COMMITMENTS.test(bare)) return { kind: 'commitments' };
  if (DISLIKE.test(bare)) return { kind: 'dislike' };
  const elliptical = ELLIPTICAL.exec(s);
  if (elliptical) {
    const subject = elliptical[1]!.replace(SUBJECT_TAIL, '');
    if (subject !== '' && !/^(?:那|这|它|他|她)(?:个|们)?$/.test(subject)) return { kind: 'elliptical', subject };
  }
  return null;
}

/** Longer messages carry a question of their own; every cue above is short. */
const MAX_CUE_CHARS = 16;
/** No list the bot shows has more lines than this (19 askers and the closing). */
const MAX_POSITION = 30;
const identity = (text: string) => text;

/** Words that open a reply in a chat without saying anything (嗯，那…; 好的，…); 那 itself stays for 那X呢. */
const OPENER = /^(?:嗯+|哦+|噢+|额+|呃+|好的|好|ok|那么|那个)(?=.)/u;
/** Particles at the end (吧, 呀, 啊…) and a polite 请 at the start. */
const PARTICLES = /^(?:请|麻烦)|(?:吧|呀|啊|哈|呗|嘛|吗|呢|哦|喔|么)+$/gu;
const NUMBER = '[0-9]{1,2}|[一二两三四五六七八九十]{1,3}';
/** 2 · 第二个 · 就是第二个 · 第二条 · 要第二个 · 看第2个 · 第二个详细说说 · 最后一个. Not 第2题/第2问: that is /q 2. */
const PICK = new RegExp(
  '^(?:就是|就|是|要|选|看|看看|打开|我要|我选|我想看|我问的是|我说的是)?' +
    `(?:第\\s*)?(${NUMBER}|最后)\\s*(?:一(?=[个条项位]))?(?:个|条|项|位)?` +
    '(?:的)?(?:[说讲看细]{0,2}(?:详细|具体|展开)?[说讲看]{0,2}(?:点|些|一下|一点)?|全文|内容)$',
  'u',
);
/** Matches a whole message that is any one of `forms` (regular-expression sources). */
const whole = (...forms: string[]) => new RegExp(`^(?:${forms.join('|')})$`, 'u');
/** What 「谁问的」 may be about: 刚才那个, 这个, 它. */
const THAT = '(?:刚才|刚刚|上面|上一个)?(?:这个|这|那个|那|它)?';
/** Who 「他们计划几年做成」 is about: the body just named. */
const THEY = '(?:那么|那)?(?:他们|它们|他|它|这个|那个|这)?';
const GOALS = '(?:具体)?(?:数字|目标|指标|承诺|时间表|时限|量化目标|硬指标)';
const ASKER = whole(
  `${THAT}(?:问题)?(?:是)?(?:谁|哪位|哪个)(?:委员|代表|领导|人)?(?:问|提|提问|提出)(?:的)?(?:问题)?`,
  '(?:提问人|提问的人|提问者)是谁',
);
const BODY = whole(
  `${THAT}(?:是)?(?:哪个|哪家|哪一个|什么|啥)(?:部门|单位|局)(?:答|回答|答复|应询|说|讲)?(?:的)?`,
  '(?:谁|哪个部门)(?:答|回答|答复)的',
  '(?:答复单位|回答的部门)是(?:哪个|谁|什么)',
);
const MORE = whole(
  '(?:还有|还有没有|另外还有)(?:别的|其他)?(?:的)?(?:问题|回答|答复)?',
  '(?:其他|别的)(?:的)?(?:问题)?',
  '再?(?:换一个|换个|换一条|来一个|来一条)',
  '更多',
);
/** 下一个 · 再下一题 · 接着下一个 · 后面一个: the next in the hearing's order. */
const NEXT = whole('(?:再|接着|然后)?(?:看)?(?:下一|下|后一|后面一|后面那)(?:个|条|题|问)(?:问题)?(?:是什么|是啥|呢)?');
/** 上一个 · 前一题 · 前面那个: the one before. */
const PREVIOUS = whole('(?:再|回到)?(?:看)?(?:上一|上|前一|前面一|前面那)(?:个|条|题|问)(?:问题)?(?:是什么|是啥|呢)?');
const COMMITMENTS = whole(
  `${THEY}(?:的)?${GOALS}`,
  `${THEY}(?:有|定了|提了|说了)?(?:什么|哪些|啥|没有)${GOALS}`,
  `${THEY}(?:计划|打算|准备|要)?(?:用)?(?:几年|多少年|多久|多长时间|什么时候)(?:做成|完成|实现|建成|做到|达到|搞成)?`,
  '(?:目标|承诺|指标)(?:是)?(?:什么|多少|啥)',
);
const DISLIKE = whole(
  '不对|不是|错了|答错了|你答错了|答非所问|牛头不对马嘴',
  '不是(?:这个|这个问题|这条|这一个)',
  '不是我(?:要的|想问的|要问的|问的)',
);
/** 那X呢 · X呢 · 那X怎么说呢: the subject X, at most a dozen characters. */
const ELLIPTICAL = /^(?:那么|那)?(.{1,12}?)(?:怎么说|怎么样|咋样|咋说|如何)?(?:的)?(?:呢)$/u;
const SUBJECT_TAIL = /(?:的|那边|这边|方面|那块|这块)$/u;
