// The quick-reference page and Markdown as text: every asker, body and answer paragraph present, nothing fetched from outside.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCommitments } from '../../src/commitments/load.js';
import { loadGlossary } from '../../src/hearing/glossary.js';
import { meetingLine } from '../../src/hearing/model.js';
import { DATA_DIR, INDEX_DIR } from '../../src/paths.js';
import { escapeHtml, escapeMarkdown, jsonForScript } from '../../src/reference/escape.js';
import { chooseHearing, MAX_PAGE_BYTES, readHearings, writeQuickReference } from '../../src/reference/files.js';
import { renderReferenceMarkdown } from '../../src/reference/markdown.js';
import { buildReferenceModel } from '../../src/reference/model.js';
import { renderReferencePage } from '../../src/reference/page.js';
import { taiwanPhrases, traditionalPairs } from '../../src/reference/search-data.js';
import { commitmentsSection, DEFAULT_SECTIONS, type SectionBuilder } from '../../src/reference/sections.js';
import { projectPageInputs } from './page-search-node.js';

const hearing = chooseHearing(readHearings(INDEX_DIR), undefined);
const glossary = loadGlossary(join(DATA_DIR, 'glossary.json'));
const model = buildReferenceModel(hearing, glossary);
const { search } = projectPageInputs();
const page = renderReferencePage(model, search);
const markdown = renderReferenceMarkdown(model);

/** The page as a reader sees it: tags, scripts and styles gone, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(
      /&(amp|lt|gt|quot|#39);/g,
      (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!,
    );
}
const text = visibleText(page);

const ASKERS = [
  '龙良文',
  '谭刚毅',
  '李江颖',
  '陈光菊',
  '樊志宏',
  '黄兆义',
  '程宏刚',
  '李蕾',
  '胡树华',
  '魏静',
  '刘成奎',
  '杨安',
  '朱库成',
  '王康',
  '陈新垓',
  '邹薇',
  '李鸣',
  '项明武',
];
const BODIES = [
  '市经信局',
  '市城建局',
  '经开区管委会',
  '市农业农村局',
  '市地方金融局',
  '市发改委',
  '市科技局',
  '市商务局',
  '市财政局',
  '东湖高新区管委会',
  '市政务服务大数据局',
  '临空港开发区管委会',
  '市政府国资委',
  '市市场监管局',
  '市统计局',
];

describe('renderReferencePage', () => {
  it('opens with the title and the date line, the date with its year', () => {
    expect(page).toContain(`<h1>${escapeHtml(hearing.title)}</h1>`);
    expect(text).toContain('2023年9月13日,市十五届人大常委会第十二次会议举行“加快发展数字经济”专题询问。');
    expect(page).toContain('<p class="meeting"><time datetime="2023-09-13">2023年9月13日</time>,市十五届');
  });

  it('has the 18 cards, q1..q18 in order, under the five themes in order', () => {
    const ids = [...page.matchAll(/<article class="card qa-card" id="(q\d+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(Array.from({ length: 18 }, (_, i) => `q${i + 1}`));
    const themes = [...page.matchAll(/<h2 id="theme-\d-title">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(themes).toEqual([
      '一、加快推进数字新型基础设施建设',
      '二、加快促进产业数字化转型',
      '三、加快推动数字产业化升级',
      '四、加快提升数字化治理能力',
      '五、加快优化数字经济发展环境',
    ]);
  });

  it.each(ASKERS)('names the asker %s', (name) => {
    expect(text).toContain(name);
  });

  it.each(BODIES)('names the answering body %s', (body) => {
    expect(text).toContain(body);
  });

  it('shows each asker with their title and each card with its body', () => {
    expect(page).toMatch(
      /id="q5"[\s\S]*?樊志宏<\/strong> <span class="person-title">委员<\/span>[\s\S]*?经开区管委会<\/strong>/,
    );
    expect(page).toMatch(/id="q1"[\s\S]*?龙良文<\/strong> <span class="person-title">市人大常委会副主任<\/span>/);
  });

  it('contains every question and every answer paragraph in full, and the closing response', () => {
    for (const item of hearing.items) {
      expect(text).toContain(item.question);
      for (const paragraph of item.answer) expect(text, `${item.id}: ${paragraph.slice(0, 20)}…`).toContain(paragraph);
    }
    expect(text).toContain('汪元程');
    for (const paragraph of hearing.closing!.paragraphs) expect(text).toContain(paragraph);
  });

  it('indexes by answering body and by asker, with links to cards that exist', () => {
    const links = [...page.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    for (const id of links) expect(page, `link to #${id}`).toContain(`id="${id}"`);
    const index = page.slice(page.indexOf('id="index"'), page.indexOf('id="theme-1"'));
    for (const item of hearing.items) expect(index).toContain(`href="#${item.id}"`);
    expect(index.match(/href="#q1"/g)).toHaveLength(2); // once under 市经信局, once under 龙良文
  });

  it('references nothing outside itself', () => {
    expect(page).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(page).not.toMatch(/<link\b/i);
    expect(page).not.toMatch(/<(img|iframe|object|embed|video|audio|source)\b/i);
    expect(page).not.toMatch(/<script\b[^>]*\bsrc=/i);
    expect(page).not.toMatch(/@import|url\(/i);
    expect(page).not.toMatch(/https?:\/\//i);
  });

  it(`is under ${MAX_PAGE_BYTES} bytes`, () => {
    expect(Buffer.byteLength(page)).toBeLessThan(MAX_PAGE_BYTES);
  });

  it("embeds the bot's answers for words and names, the glossary's names and the Traditional forms", () => {
    const data = JSON.parse(page.match(/<script type="application\/json" id="search-data">([^<]*)<\/script>/)![1]!);
    const cardsOf = (word: string) =>
      (data.words[word] as number[]).slice(1).flatMap((n, i) => (i % 2 ? [] : [data.cards[n]]));
    expect(cardsOf('经信局')).toEqual(['q1', 'q3', 'q4', 'q15']);
    expect(cardsOf('汉融通')[0]).toBe('q7');
    expect(data.names).toMatchObject({
      经信局: 'b',
      光谷: 'b',
      武汉经济技术开发区管理委员会: 'b',
      樊志宏: 'p',
      汪元程: 'p',
    });
    expect(data.words.ai).toBeDefined();
    expect(data.stopWords).toContain('怎么说');
    const chars = Array.from(data.traditional as string);
    const pairs = new Map(chars.flatMap((ch, i) => (i % 2 ? [] : [[ch, chars[i + 1]!] as const])));
    expect([...'經開區數據'].map((ch) => pairs.get(ch))).toEqual([...'经开区数据']);
    expect(data.phrases.join(' ')).toContain('網際網路 互联网');
  });

  it('escapes text, so markup in a transcript shows as text', () => {
    const tricky = {
      ...hearing,
      title: '<script>alert("x")</script> & 询问',
      items: hearing.items.map((item, i) => (i === 0 ? { ...item, answer: ['</script><b>粗</b>'] } : item)),
    };
    const html = renderReferencePage(buildReferenceModel(tricky, glossary), search);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 询问');
    expect(html).toContain('<p>&lt;/script&gt;&lt;b&gt;粗&lt;/b&gt;</p>');
    expect(html).not.toContain('<b>粗</b>');
  });

  it('takes an added section as one more builder, shown in the table of contents', () => {
    const extra: SectionBuilder = () => [
      { id: 'commitments', title: '承诺与目标', html: '<p>示例</p>', markdown: '示例' },
    ];
    const sections = [...DEFAULT_SECTIONS, extra];
    expect(renderReferencePage(model, search, { sections })).toMatch(
      /<a href="#commitments">承诺与目标<\/a>[\s\S]*<section class="section" id="commitments"[\s\S]*<p>示例<\/p>/,
    );
    expect(renderReferenceMarkdown(model, { sections })).toMatch(/## 承诺与目标\n\n示例\n$/);
  });

  it('refuses two sections with one id', () => {
    const twice: SectionBuilder = () => [{ id: 'index', title: '重复', html: '', markdown: '' }];
    expect(() => renderReferencePage(model, search, { sections: [...DEFAULT_SECTIONS, twice] })).toThrow(
      'reference: two sections share the id index',
    );
  });
});

describe('renderReferenceMarkdown', () => {
  it('has the title, date line, themes, askers with titles and bodies', () => {
    expect(markdown.startsWith(`# ${hearing.title}\n\n2023年${hearing.meetingLine}\n`)).toBe(true);
    for (const group of model.themes)
      expect(markdown).toContain(`## ${['', '一', '二', '三', '四', '五'][group.theme.index]}、${group.theme.title}`);
    expect(markdown).toContain('### 问5　樊志宏（委员）');
    expect(markdown).toContain('**答复单位：**经开区管委会（武汉经济技术开发区管理委员会）');
    for (const body of BODIES) expect(markdown).toContain(body);
  });

  it('contains every answer paragraph verbatim, and the closing response', () => {
    for (const item of hearing.items)
      for (const paragraph of item.answer) expect(markdown, item.id).toContain(`\n\n${paragraph}\n`);
    for (const paragraph of hearing.closing!.paragraphs) expect(markdown).toContain(paragraph);
  });
});

describe('commitmentsSection (承诺与目标)', () => {
  const commitments = loadCommitments();
  const sections = [...DEFAULT_SECTIONS, commitmentsSection(commitments)];
  const withCommitments = renderReferencePage(model, search, { sections });
  const section = withCommitments.slice(
    withCommitments.indexOf('<section class="section" id="commitments"'),
    withCommitments.indexOf('</main>'),
  );
  const sectionMarkdown = renderReferenceMarkdown(model, { sections }).split('## 承诺与目标\n\n')[1]!;
  /** Each body's group in the HTML: printed name → its visible text. */
  const groups = new Map(
    [...section.matchAll(/<section class="commitment-group"[^>]*>([\s\S]*?)<\/section>/g)].map((m) => [
      m[1]!.match(/<strong class="body-name">([^<]+)</)![1]!,
      visibleText(m[1]!).trim(),
    ]),
  );

  it('comes last in the table of contents and on the page', () => {
    expect(withCommitments).toMatch(
      /<li><a href="#closing-section">总体回应<\/a><\/li><li><a href="#commitments">承诺与目标<\/a><\/li><\/ol>/,
    );
    expect(section).toContain('<h2 id="commitments-title">承诺与目标</h2>');
    expect(section).not.toContain(' data-card ');
  });

  it('groups by answering body, in order of first answer, with counts; names the bodies without any', () => {
    expect([...groups.keys()]).toEqual([
      '市经信局',
      '市城建局',
      '经开区管委会',
      '市农业农村局',
      '市地方金融局',
      '市发改委',
      '市科技局',
      '东湖高新区管委会',
      '临空港开发区管委会',
      '市政府国资委',
    ]);
    expect(groups.get('市地方金融局')).toMatch(/^市地方金融局 武汉市地方金融工作局 2条/);
    expect(visibleText(section)).toContain('共24条，来自10个答复单位。');
    expect(visibleText(section)).toContain(
      '答复中没有摘出承诺的：市商务局、市财政局、市政务服务大数据局、市市场监管局、市统计局、市政府。',
    );
  });

  it.each([
    ['市地方金融局', '每年至少要引进2家数字金融头部企业', 'q7', '程宏刚'],
    ['经开区管委会', '计划建设1平方公里的武汉智能汽车软件园', 'q5', '樊志宏'],
    ['经开区管委会', '从今年开始每年设计并推出一款大算力7纳米智能座舱芯片', 'q5', '樊志宏'],
    ['市经信局', '争创1-2个中国软件名园', 'q3', '李江颖'],
    [
      '市经信局',
      '培育50名行业数字化转型专家,100名企业一把手,500家企业数字化转型专员,10000名数字技术人才',
      'q4',
      '陈光菊',
    ],
    ['市发改委', '努力打造10个生产型服务业创新发展示范区和10个生活型服务业创新先行区', 'q8', '李蕾'],
  ])('under %s: 「%s」 linking to %s, asked by %s', (body, text, id, asker) => {
    expect(groups.get(body)).toContain(`「${text}」 问${id.slice(1)} ${asker}`);
    expect(section).toContain(
      `<li><span class="commitment-text">「${text}」</span> <span class="commitment-source"><a href="#${id}">问${id.slice(1)}</a>`,
    );
  });

  it('quotes every commitment verbatim, each linking to a card on the page', () => {
    for (const c of commitments) expect(groups.get(c.body), c.text).toContain(`「${c.text}」`);
    const links = [...section.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(links).toHaveLength(commitments.length);
    for (const id of links) expect(withCommitments).toContain(`<article class="card qa-card" id="${id}"`);
  });

  it("in Markdown: a heading per body, the text verbatim, a link to the card's heading", () => {
    expect(sectionMarkdown).toContain(
      '### 市地方金融局（武汉市地方金融工作局）　2条\n\n- 「每年至少要引进2家数字金融头部企业」——[问7](#问7程宏刚委员) 程宏刚（委员）　期限：每年年底，自2023-12-31起 · 台账尚未登记进展\n',
    );
    expect(sectionMarkdown).toContain(
      '- 「计划建设1平方公里的武汉智能汽车软件园」——[问5](#问5樊志宏委员) 樊志宏（委员）',
    );
    expect(markdown).toContain('### 问7　程宏刚（委员）');
    expect(sectionMarkdown.match(/^- 「/gm)).toHaveLength(commitments.length);
  });

  it("shows each commitment's due date and the ledger's status; without a ledger, that none is recorded", () => {
    expect(groups.get('经开区管委会')).toContain(
      '「争取用三年时间在总量上实现较大增长」 问5 樊志宏 委员 期限：2026-09-13 · 台账尚未登记进展',
    );
    expect(groups.get('经开区管委会')).toContain('期限：每年年底，自2023-12-31起 · 台账尚未登记进展');
    expect(groups.get('市经信局')).toContain(
      '「下一步,准备出台支持中小企业数字化转型和人工智能产业发展的专项政策」 问15 陈新垓 市人大常委会副主任 期限：未定',
    );
    expect(section).not.toContain('已逾期');
    expect(sectionMarkdown).toContain('樊志宏（委员）　期限：2026-09-13 · 台账尚未登记进展\n');
  });

  it('with the ledger on 2026-10-01: overdue marked, status, note and source link, in HTML and Markdown', () => {
    const threeYears = commitments.find((c) => c.text === '争取用三年时间在总量上实现较大增长')!;
    const chip = commitments.find((c) => c.text.startsWith('从今年开始每年'))!;
    const ledger = {
      [chip.key]: { status: 'in-progress' as const, note: '首款芯片<已>流片', source: 'https://example.org/r?a=1&b=2' },
    };
    const followed = [...DEFAULT_SECTIONS, commitmentsSection(commitments, { ledger, today: '2026-10-01' })];
    const html = renderReferencePage(model, search, { sections: followed });
    const text = visibleText(html);
    expect(text).toContain('督办台账所记状态（截至2026-10-01）');
    expect(text).toContain(`「${threeYears.text}」 问5 樊志宏 委员 期限：2026-09-13 已逾期 · 台账尚未登记进展`);
    expect(text).toContain(
      `「${chip.text}」 问5 樊志宏 委员 期限：每年年底，下次2026-12-31 · 推进中：首款芯片<已>流片 依据`,
    );
    expect(html).toContain(
      '推进中</span>：首款芯片&lt;已&gt;流片 <a href="https://example.org/r?a=1&amp;b=2" rel="noopener">依据</a>',
    );
    expect(html.match(/class="overdue"/g)).toHaveLength(1);
    const markdownText = renderReferenceMarkdown(model, { sections: followed });
    expect(markdownText).toContain('期限：2026-09-13 **已逾期** · 台账尚未登记进展');
    expect(markdownText).toContain('推进中：首款芯片\\<已\\>流片 [依据](<https://example.org/r?a=1&b=2>)');
  });

  it("ignores other hearings' commitments and escapes text", () => {
    const other = { ...commitments[0]!, hearing: 'another-hearing' };
    const marked = { ...commitments[0]!, text: '建设<b>1&2</b>个' };
    const html = renderReferencePage(model, search, {
      sections: [...DEFAULT_SECTIONS, commitmentsSection([other, marked])],
    });
    expect(html).toContain('「建设&lt;b&gt;1&amp;2&lt;/b&gt;个」');
    expect(html).toContain('共1条，来自1个答复单位。');
    expect(renderReferenceMarkdown(model, { sections: [commitmentsSection([marked])] })).toContain(
      '- 「建设\\<b\\>1&2\\</b\\>个」',
    );
  });
});

describe('writeQuickReference', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'reference-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));
  const written = writeQuickReference({ outDir });
  const html = readFileSync(written.html.path, 'utf8');
  const md = readFileSync(written.markdown.path, 'utf8');

  it('writes 承诺与目标 into both files, after the cards', () => {
    expect(html).toMatch(
      /id="closing"[\s\S]*<section class="section" id="commitments"[\s\S]*「每年至少要引进2家数字金融头部企业」/,
    );
    expect(md).toMatch(
      /## 总体回应[\s\S]*## 承诺与目标\n[\s\S]*### 市地方金融局（武汉市地方金融工作局）　2条\n\n- 「每年至少要引进2家数字金融头部企业」/,
    );
  });

  it(`stays self-contained and under ${MAX_PAGE_BYTES} bytes`, () => {
    expect(written.html.bytes).toBe(Buffer.byteLength(html));
    expect(written.html.bytes).toBeLessThan(MAX_PAGE_BYTES);
    expect(html).not.toMatch(/https?:\/\/|<link\b|<script\b[^>]*\bsrc=|url\(/i);
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['聚焦5G+工业互联网', '聚焦5G+工业互联网'],
    ['争创1-2个中国软件名园', '争创1-2个中国软件名园'],
    ['# 不是标题', '\\# 不是标题'],
    ['- 不是列表', '\\- 不是列表'],
    ['1. 不是列表', '1\\. 不是列表'],
    ['*强调* 与 [链接]', '\\*强调\\* 与 \\[链接\\]'],
  ])('%s → %s', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('jsonForScript', () => {
  it('cannot close the script element it sits in', () => {
    expect(jsonForScript({ a: '</script>' })).toBe('{"a":"\\u003c/script>"}');
  });
});

describe('meetingLine', () => {
  it.each([
    ['9月13日,某次会议举行专题询问。', '2023-09-13', ['', '2023年9月13日', ',某次会议举行专题询问。']],
    ['2023年9月13日,某次会议。', '2023-09-13', ['', '2023年9月13日', ',某次会议。']],
    ['会议于9月13日举行。', '2023-09-13', ['会议于', '2023年9月13日', '举行。']],
    ['某次会议举行专题询问。', '2023-09-13', ['', '2023年9月13日', '　某次会议举行专题询问。']],
    ['9月13日,某次会议。', null, ['9月13日,某次会议。', undefined, '']],
  ])('%s on %s reads %j', (line, date, [before, shown, after]) => {
    const meeting = meetingLine({ ...hearing, meetingLine: line, date });
    expect([meeting.before, meeting.date?.text, meeting.after]).toEqual([before, shown, after]);
  });
});

describe('taiwanPhrases', () => {
  it('lists the words Taiwan writes with other words, not those that differ only in characters', () => {
    expect(taiwanPhrases(['信息', '软件', '互联网', '经开区', '数据'])).toEqual([
      ['網際網路', '互联网'],
      ['資料', '数据'],
      ['資訊', '信息'],
      ['軟體', '软件'],
    ]);
  });
});

describe('traditionalPairs', () => {
  it('maps Traditional characters onto the Simplified ones wanted, and leaves Simplified ones alone', () => {
    // 么 stays a key-less target: the Taiwan table alone would turn it into 幺, and the page writes 么.
    expect(traditionalPairs(new Set('经开区么'))).toBe('區区經经開开麼么麽么');
  });
});
