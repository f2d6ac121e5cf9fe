// Commitment extraction against the transcript: hand-checked commitments per body, rhetoric left out, verbatim and whole clauses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clausesOf, quotedSpans } from '../../src/commitments/clauses.js';
import { classifyClauses, extractCommitments, type Verdict } from '../../src/commitments/extract.js';
import { loadCommitments } from '../../src/commitments/load.js';
import { CommitmentSchema } from '../../src/commitments/model.js';
import { bodyOf, type Entry, paragraphsOf, personOf } from '../../src/hearing/model.js';
import { INDEX_DIR } from '../../src/paths.js';
import { artefactPaths } from '../../src/search/index-files.js';
import { hearing } from './helpers.js';

const commitments = extractCommitments([hearing]);
const entries: Entry[] = [...hearing.items, ...(hearing.closing ? [hearing.closing] : [])];
const entry = (id: string) => entries.find((e) => e.id === id)!;

// Read from the transcript by hand: every commitment, in order, with its answering body and question.
const EXPECTED: Array<[id: string, body: string, text: string]> = [
  ['q1', '市经信局', '开展“网络空间共进行动”和“5G提质升格行动”'],
  ['q1', '市经信局', '高质量高水平建好华中地区首个国家新一代人工智能开放算力平台'],
  ['q2', '市城建局', '完成建成区CIM精模建设'],
  ['q2', '市城建局', '逐步实现数据全覆盖'],
  ['q3', '市经信局', '打造江南、江北两个主要聚集区'],
  ['q3', '市经信局', '争创1-2个中国软件名园'],
  ['q4', '市经信局', '实施“5151”人才培育工程'],
  ['q4', '市经信局', '培育50名行业数字化转型专家,100名企业一把手,500家企业数字化转型专员,10000名数字技术人才'],
  ['q5', '经开区管委会', '从今年开始每年设计并推出一款大算力7纳米智能座舱芯片'],
  ['q5', '经开区管委会', '争取用三年时间在总量上实现较大增长'],
  ['q5', '经开区管委会', '计划建设1平方公里的武汉智能汽车软件园'],
  ['q5', '经开区管委会', '争创国家5G+工业互联网融合应用先导区'],
  ['q5', '经开区管委会', '助力打造全国氢能产业示范核心区'],
  ['q6', '市农业农村局', '加快实施“互联网+农产品”出村进城工程'],
  ['q6', '市农业农村局', '实现农村电商全覆盖'],
  ['q7', '市地方金融局', '每年至少要引进2家数字金融头部企业'],
  ['q7', '市地方金融局', '把“汉融通”线上融资服务平台升级为全市综合金融服务智慧大脑'],
  ['q8', '市发改委', '努力打造10个生产型服务业创新发展示范区和10个生活型服务业创新先行区'],
  ['q9', '市科技局', '打造“以用为导向”的新型研发机构建设'],
  ['q12', '东湖高新区管委会', '打造以未来科技城为创新核、以光谷中心城为支撑极的数字经济产业布局'],
  ['q12', '东湖高新区管委会', '加快制定数字经济“高精尖缺”人才目录'],
  ['q14', '临空港开发区管委会', '创建一流网安学院'],
  ['q15', '市经信局', '下一步,准备出台支持中小企业数字化转型和人工智能产业发展的专项政策'],
  ['q16', '市政府国资委', '打造智慧交通、文旅应用场景'],
];

describe('extractCommitments', () => {
  it('finds exactly the hand-checked commitments, in transcript order', () => {
    expect(commitments.map((c) => [c.id, c.body, c.text])).toEqual(EXPECTED);
  });

  it.each([
    // [body, a quote from the issue, quantities, time frames, verbs]
    ['经开区管委会', '每年设计并推出一款大算力7纳米智能座舱芯片', ['一款', '7纳米'], ['从今年开始', '每年'], []],
    ['经开区管委会', '计划建设1平方公里的武汉智能汽车软件园', ['1平方公里'], [], ['计划']],
    ['经开区管委会', '争取用三年时间在总量上实现较大增长', [], ['三年'], ['争取']],
    ['市地方金融局', '每年至少要引进2家数字金融头部企业', ['2家'], ['每年'], []],
    ['市经信局', '培育50名行业数字化转型专家', ['50名', '100名', '500家', '10000名'], [], []],
    ['市经信局', '争创1-2个中国软件名园', ['1-2个'], [], ['争创']],
    ['市经信局', '实施“5151”人才培育工程', ['5151'], [], ['实施']],
    ['市经信局', '准备出台支持中小企业数字化转型', [], ['下一步'], ['准备出台']],
    ['市发改委', '努力打造10个生产型服务业创新发展示范区和10个生活型服务业创新先行区', ['10个', '10个'], [], ['打造']],
    ['市城建局', '完成建成区CIM精模建设', [], [], ['完成']],
    ['市农业农村局', '实现农村电商全覆盖', ['全覆盖'], [], []],
  ])('%s: 「%s」 with its quantities, time frames and verbs', (body, quote, quantities, timeFrames, verbs) => {
    const found = commitments.filter((c) => c.body === body && c.text.includes(quote));
    expect(found, `one commitment of ${body} quotes 「${quote}」`).toHaveLength(1);
    const [c] = found;
    expect(c!.quantities).toEqual(quantities);
    expect(c!.timeFrames).toEqual(timeFrames);
    expect(c!.cues.filter((cue) => cue.kind === 'verb').map((cue) => cue.text)).toEqual(verbs);
    expect(c!.asker).toEqual(personOf(entry(c!.id)));
  });

  it('gives every body that answered with a number, a time frame or a committing verb at least one commitment', () => {
    const counts = Object.fromEntries(
      [...new Set(entries.map(bodyOf))].map((b) => [b, commitments.filter((c) => c.body === b).length]),
    );
    expect(counts).toEqual({
      市经信局: 7,
      市城建局: 2,
      经开区管委会: 5,
      市农业农村局: 2,
      市地方金融局: 2,
      市发改委: 1,
      市科技局: 1,
      东湖高新区管委会: 2,
      // 打造更多受市民欢迎的超级应用场景: more of something, which no one can count afterwards (q13).
      市政务服务大数据局: 0,
      临空港开发区管委会: 1,
      市政府国资委: 1,
      // Directions without a figure, a deadline or a committing verb: 推动一批重点项目, 招引一批头部企业 (q10)…
      市商务局: 0,
      // 加大投资布局力度, 一是…二是…三是… investment directions, no figure (q11).
      市财政局: 0,
      // 包容审慎监管, 严格执法, 督促企业健全合规… regulatory approach, no target (q17).
      市市场监管局: 0,
      // 三个方面的建议 counts points of the speech; the rest is 做大做强, 加速营造… (q18).
      市统计局: 0,
      // The closing response: 采取有力措施, 打造发展高地, 打造数字经济一线城市 are aims, not deliverables.
      市政府: 0,
    });
  });

  it('quotes every commitment verbatim: the text is the paragraph at its offset', () => {
    for (const c of commitments) {
      const paragraph = paragraphsOf(entry(c.id))[c.paragraph]!;
      expect(paragraph.slice(c.start, c.start + c.text.length), `${c.id} 「${c.text}」`).toBe(c.text);
    }
  });

  it('never cuts a clause: each commitment starts and ends at a sentence or comma boundary, outside quotation marks', () => {
    for (const c of commitments) {
      const paragraph = paragraphsOf(entry(c.id))[c.paragraph]!;
      const end = c.start + c.text.length;
      expect(
        c.start === 0 || BOUNDARY.includes(paragraph[c.start - 1]!),
        `${c.id} 「${c.text}」 starts mid-clause`,
      ).toBe(true);
      expect(
        end === paragraph.length || BOUNDARY.includes(paragraph[end]!),
        `${c.id} 「${c.text}」 ends mid-clause`,
      ).toBe(true);
      const inQuote = (at: number) => quotedSpans(paragraph).some(([from, to]) => at > from && at < to);
      expect(inQuote(c.start) || inQuote(end), `${c.id} 「${c.text}」 cuts a quotation`).toBe(false);
    }
  });

  it('says for each commitment which cue made it one, with the exact text matched inside the commitment', () => {
    for (const c of commitments) {
      expect(() => CommitmentSchema.parse(c)).not.toThrow();
      for (const cue of c.cues) expect(c.text, `${c.id} cue ${cue.kind}:${cue.text}`).toContain(cue.text);
    }
  });
});

describe('classifyClauses: rhetoric and reports rightly left out', () => {
  it.each<[id: string, clause: string, verdict: Verdict]>([
    ['closing', '进一步凝聚发展合力', 'no-cue'],
    ['closing', '市政府将采取有力措施', 'no-cue'],
    ['closing', '进一步打造发展高地', 'aspiration'],
    ['closing', '全力打造数字经济一线城市', 'aspiration'],
    ['q14', '打造数字经济发展高速公路', 'aspiration'],
    ['q3', '打造名品', 'slogan'],
    ['q3', '创建名园', 'slogan'],
    ['q9', '打造新机构', 'slogan'],
    ['q3', '目前已经明确了年度目标', 'no-cue'],
    ['q8', '目前已经制定推动现代服务业加快发展“1+12”工作方案', 'already-done'],
    ['q8', '打造“一刻钟”便民生活圈等', 'already-done'],
    ['q8', '做好“总量”和“培育”两个方面工作', 'no-cue'],
    ['q18', '提出三个方面的建议', 'no-cue'],
    ['q18', '做大做强优势行业和领军企业', 'no-cue'],
    ['q15', '我市出台的政策措施是较为及时、有力和有效的', 'no-cue'],
    ['q15', '不断完善政策体系', 'no-cue'],
    ['q17', '确保经营活动与法律、规则和准则保持一致', 'no-cue'],
    ['q10', '招引一批头部企业', 'no-cue'],
    // Launching named campaigns is checkable; 开展 of work in general is not.
    ['q1', '开展“网络空间共进行动”和“5G提质升格行动”', 'commitment'],
    ['q14', '开展精准招商', 'no-cue'],
    // A numbered programme the clause leans on, rather than delivers, is a name, not a target.
    ['q12', '推动“3551光谷人才计划”向数字经济领域倾斜', 'no-cue'],
    ['q7', '协调在汉金融机构大力支持“965”产业体系中的数字化转型项目', 'no-cue'],
    // Amounts without a number: no one can count them afterwards.
    ['q12', '打造一批特色园区、主题楼宇', 'vague'],
    ['q9', '力争突破更多核心技术', 'vague'],
    ['q13', '支撑各个部门打造更多受市民欢迎的超级应用场景', 'vague'],
  ])('%s 「%s」 is %s', (id, clause, verdict) => {
    const found = paragraphsOf(entry(id))
      .flatMap(classifyClauses)
      .filter((c) => c.text === clause);
    expect(found, `${id} has the clause 「${clause}」`).toHaveLength(1);
    expect(found[0]!.verdict).toBe(verdict);
    expect(commitments.some((c) => c.text.includes(clause))).toBe(verdict === 'commitment');
  });
});

describe('clausesOf', () => {
  it('splits at 。;: and commas, keeps quoted punctuation, and keeps offsets verbatim', () => {
    const text = '在网络建设方面,开展“网络空间共进行动,5G”行动。下一步,准备出台政策;为此:建议';
    const clauses = clausesOf(text);
    expect(clauses.map((c) => c.text)).toEqual([
      '在网络建设方面',
      '开展“网络空间共进行动,5G”行动',
      '下一步',
      '准备出台政策',
      '为此',
      '建议',
    ]);
    expect(clauses.map((c) => c.sentence)).toEqual([0, 0, 1, 1, 2, 3]);
    for (const c of clauses) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it('cuts every transcript paragraph into clauses that hold no unquoted boundary', () => {
    for (const e of entries) {
      for (const paragraph of paragraphsOf(e)) {
        for (const c of clausesOf(paragraph)) {
          const spans = quotedSpans(c.text);
          const stray = [...c.text].findIndex(
            (ch, i) => BOUNDARY.includes(ch) && !spans.some(([f, t]) => i >= f && i < t),
          );
          expect(stray, `${e.id} 「${c.text}」`).toBe(-1);
        }
      }
    }
  });
});

describe('index/commitments.json', () => {
  it('holds what the extractor finds in the current transcript (run npm run index after changing a rule)', () => {
    expect(JSON.parse(readFileSync(artefactPaths(INDEX_DIR).commitments, 'utf8'))).toEqual(commitments);
    expect(loadCommitments()).toEqual(commitments);
  });
});

const BOUNDARY = '。；;！!？?：:，,';
