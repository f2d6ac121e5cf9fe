// Records as they arrive: GBK bytes, a web page saved with its scripts, navigation and share buttons, a Word document.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { recognise } from '../../src/import/recognise.js';
import { readSource } from '../../src/import/source.js';
import { BODIES, docxOf, fixture, runImport, tempDir } from './helpers.js';

const pairsOf = (text: string) =>
  recognise(text, BODIES).items.map((i) => [i.asker.name, i.body, i.answerer, i.question.join(''), i.answer.join('')]);

describe('GBK / GB18030 bytes', () => {
  it('reads a GBK file to the same pairs as its UTF-8 original', async () => {
    const utf8 = readFileSync(fixture('qa-blocks-zhengzhou.txt'), 'utf8');
    const path = join(tempDir(), 'zhengzhou-gbk.txt');
    writeFileSync(path, iconv.encode(utf8, 'gbk'));
    const source = await readSource(path);
    expect([source.kind, source.encoding]).toEqual(['text', 'GB18030']);
    expect(source.text).toBe(utf8);
    expect(pairsOf(source.text)).toEqual(pairsOf(utf8));
    expect(pairsOf(source.text)).toHaveLength(3);
  });
});

describe('a web page saved to disk', () => {
  const page = `<!DOCTYPE html><html><head><meta charset="gbk"><title>杭州人大网_专题询问</title>
<script>var fake = "赵九委员问:这是脚本里的字吗?";</script><style>.nav{color:red}</style></head>
<body><header><a href="/">首页</a> 人大要闻</header>
<nav><ul><li>首页</li><li>代表风采</li><li>钱十委员问:导航里的问题?</li></ul></nav>
<div class="breadcrumb">当前位置:首页 &gt; 专题询问</div>
<div class="article-content">
<h1>杭州市人大常委会“城市更新”专题询问实录</h1>
<p>2023年11月20日,杭州市人大常委会举行城市更新专题询问。</p>
<p>王一委员问:老旧小区加装电梯进度为什么慢?</p>
<p>市建委主任陈二:今年已加装电梯五百台,明年再加八百台。</p>
<p>孙三代表问:停车难怎么解决?市交通局局长钱四:我们将新建公共泊位两万个。错峰共享也在推进。</p>
<p>一位委员问:改造资金从哪里来?</p>
<p>市财政局副局长郑五:市区两级财政按比例分担,同时引入社会资本。</p>
<div class="bdsharebuttonbox share">分享到:<a>微信</a><a>微博</a></div>
<script>document.write("周十一代表问:脚本写出的问题?")</script>
</div>
<aside class="sidebar">热点新闻</aside>
<footer>版权所有 杭州市人大常委会办公厅</footer></body></html>`;

  it('keeps the article: the same pairs as the plain text, nothing from scripts, navigation or share buttons', async () => {
    const path = join(tempDir(), 'hangzhou.html');
    writeFileSync(path, iconv.encode(page, 'gbk'));
    const source = await readSource(path);
    expect(source.kind).toBe('html');
    const reading = recognise(source.text, BODIES);
    expect(reading.title).toBe('杭州市人大常委会“城市更新”专题询问实录');
    expect(pairsOf(source.text)).toEqual(pairsOf(readFileSync(fixture('name-colon-hangzhou.txt'), 'utf8')));
    expect(reading.unplaced).toEqual([]);
    for (const noise of ['脚本', '导航', '首页', '分享', '微信', '版权', '热点', '当前位置'])
      expect(source.text).not.toContain(noise);
  });
});

describe('a Word document', () => {
  it('reads the paragraphs of a .docx to the same pairs as the plain text', async () => {
    const text = readFileSync(fixture('bare-name-nanjing.txt'), 'utf8');
    const path = join(tempDir(), 'nanjing.docx');
    writeFileSync(path, await docxOf(text));
    const source = await readSource(path);
    expect(source.kind).toBe('docx');
    expect(pairsOf(source.text)).toEqual(pairsOf(text));
    expect(pairsOf(source.text)).toHaveLength(5);
  });

  it('imports it from the command line with --write', async () => {
    const dataDir = tempDir();
    const path = join(tempDir(), 'nanjing-elderly-care.docx');
    writeFileSync(path, await docxOf(readFileSync(fixture('bare-name-nanjing.txt'), 'utf8')));
    const run = await runImport([path, '--write'], dataDir);
    expect(run.code).toBe(0);
    const written = readFileSync(join(dataDir, 'hearings', 'nanjing-elderly-care-2022-09-08.txt'), 'utf8');
    expect(written.split('\n').slice(0, 5)).toEqual([
      '南京市人大常委会“养老服务”专题询问',
      '2022年9月8日,南京市人大常委会举行专题询问。参加询问的有市人大常委会委员吴一、郑二,市人大代表冯三;市民政局局长陈四、市卫健委副主任褚五、副市长蒋六到会应询。',
      '养老服务——',
      '市人大常委会委员吴一提问:社区养老服务中心覆盖率何时达到百分之百?',
      '市民政局应询回答:年底前实现街道全覆盖。',
    ]);
  });
});
