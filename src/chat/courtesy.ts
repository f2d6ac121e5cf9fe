// Courtesies: thanks and acknowledgements (谢谢, 收到, 好的) and 「你是谁」, read from a whole short message.

/** What a courtesy message is: thanks or an acknowledgement, or a question about the bot itself. */
export type Courtesy = 'acknowledgement' | 'introduction';

/**
 * The courtesy a message is, or null: only a message that is nothing else (「谢谢，汉融通是啥」 is a question).
 * @example readCourtesy('谢谢！') // 'acknowledgement'
 * @example readCourtesy('你是谁呀') // 'introduction'
 */
export function readCourtesy(text: string): Courtesy | null {
  const said = compact(text);
  if (isPraise(said)) return 'acknowledgement';
  const s = said.replace(/\p{S}+/gu, '');
  if (s === '' || [...s].length > MAX_COURTESY_CHARS) return null;
  if (ACKNOWLEDGEMENT.test(s)) return 'acknowledgement';
  if (INTRODUCTION.test(s)) return 'introduction';
  return null;
}

/** Every courtesy is short; a longer message says something more. */
const MAX_COURTESY_CHARS = 12;
const ACKNOWLEDGEMENT =
  /^(?:好的|好嘞|好|行|嗯+|ok|okay|收到|收到了|明白|明白了|知道了|了解|懂了|谢谢|谢啦|多谢|感谢|谢谢你|谢谢您|非常感谢|thanks|thankyou|thx)+(?:啦|了|哈|呀|啊|哦|喔|嘛)*$/u;
const INTRODUCTION =
  /^(?:请问)?(?:你|您)(?:是谁|是什么|是啥|是干什么的|是做什么的|能做什么|能干什么|会什么|可以做什么|有什么用)(?:呀|啊|呢|哦)?$|^(?:介绍一下|介绍下)(?:你自己|自己|你)$/u;

/**
 * Whether a whole short message says the answer helped (谢谢, 有用, 👍): staff count these as answers liked.
 * 收到 and 好的 acknowledge without saying so.
 * @example praises('谢谢！很有用') // true
 * @example praises('收到') // false
 */
export function praises(text: string): boolean {
  return isPraise(compact(text));
}

/** A message as courtesies are matched: folded, without spaces, punctuation or emoji skin tones; emoji kept (👍). */
const compact = (text: string) =>
  String(text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}]+|[\u{1F3FB}-\u{1F3FF}\u{FE0F}]/gu, '');

const isPraise = (s: string) => s !== '' && [...s].length <= MAX_COURTESY_CHARS && PRAISE.test(s);

const PRAISE =
  /^(?:👍|👏|🙏|赞|点赞|有用|很有用|挺有用|太有用了|有帮助|很有帮助|不错|很好|谢谢|谢啦|多谢|感谢|谢谢你|谢谢您|非常感谢|thanks|thankyou|thx|good|great|helpful)+(?:啦|了|哈|呀|啊|哦|喔|嘛|!)*$/u;
