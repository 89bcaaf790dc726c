/**
 * One test per journey of the web explorer, in a real Chromium against the sample county. Expected values were
 * worked out from seeds/sample-county (names, links, open demands) and checked by hand against the API's answers.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { computedStyle, expectAccessible, openPage, screenshot, signInAs, tokenFor, useExplorer } from './support.js';

const globalId = (kind: string, id: string) => Buffer.from(`${kind}:${id}`).toString('base64url');

async function text(locator: Locator): Promise<string> {
  await locator.waitFor();
  return (await locator.innerText()).trim();
}

async function allTexts(locator: Locator): Promise<string[]> {
  await locator.first().waitFor();
  return (await locator.allInnerTexts()).map((value) => value.trim());
}

async function graphDrawn(page: Page): Promise<number> {
  const canvas = page.locator('.graph-canvas[data-ready="true"]');
  await canvas.waitFor({ timeout: 30_000 });
  return Number(await canvas.getAttribute('data-node-count'));
}

describe('web explorer journeys (Chromium)', () => {
  const suite = useExplorer();

  it('search in Chinese and pinyin, typed results with highlights, then an entity page with facts, grouped links and its neighbourhood drawing', async () => {
    const { page } = await openPage(suite.context, `${suite.origin}/`);
    await page.getByLabel('搜索（中文或拼音）').fill('老腊肉 冷链');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    expect(await text(page.locator('.count'))).toBe('共 89 条结果');
    expect(new URL(page.url()).searchParams.get('q')).toBe('老腊肉 冷链');
    const first = page.locator('.search-result').first();
    expect(await text(first.locator('.kind-tag'))).toBe('产业');
    expect(await text(first.locator('mark').first())).toBe('老腊肉');
    await expectAccessible(page);
    await screenshot(page, 'search');

    await page.goto(`${suite.origin}/search?q=xndx`);
    const pinyin = page.locator('.search-result').first();
    expect(await text(pinyin.locator('a'))).toBe('西南大学');
    expect(await text(pinyin.locator('.highlight'))).toContain('pinyin');

    await pinyin.locator('a').click();
    expect(await text(page.locator('h1'))).toBe('西南大学');
    expect(page.url()).toBe(`${suite.origin}/entity/${globalId('University', 'univ:swu')}`);
    const facts = page.locator('.facts');
    expect(await text(facts.locator('.fact', { hasText: '所在区域' }).locator('dd'))).toBe('嘉林区');
    // COOPERATES_WITH.json links 西南大学 with 青岗老腊肉 (among others); the group lists it under 合作.
    const cooperation = page.locator('.link-group', { has: page.locator('summary', { hasText: /^合作/ }) });
    await cooperation.locator('summary').waitFor();
    expect(await cooperation.locator('li a').allTextContents()).toContain('X县青岗老腊肉食品有限公司');
    const drawn = await graphDrawn(page);
    expect(drawn).toBe(1 + (await page.locator('.links li').count()));
    await expectAccessible(page);
    await screenshot(page, 'entity');
  });

  it('expands the neighbourhood drawing node by node (double-click, or + from the keyboard) and opens a node (Enter)', async () => {
    const { page } = await openPage(suite.context, `${suite.origin}/entity/${globalId('Enterprise', 'ent:yunji-shipin')}`);
    const before = await graphDrawn(page);
    const nodeCount = async () => Number(await page.locator('.graph-canvas').getAttribute('data-node-count'));
    const selected = async () => (await text(page.locator('#graph-selected'))).replace(/^选中：/, '');
    expect(await selected()).toBe('X县云吉食品有限公司');
    // Arrow keys move the selection (the circled node) through the drawing. LOCATED_IN.json puts 云吉食品 in 硒泉镇,
    // where many other organisations are: expanding 硒泉镇 draws new nodes. 云吉食品 has 14 links (15 nodes drawn).
    expect(before).toBe(15);
    await page.locator('.graph-canvas').focus();
    for (let step = 0; step < before && (await selected()) !== '硒泉镇'; step += 1) await page.keyboard.press('ArrowRight');
    expect(await selected()).toBe('硒泉镇');
    const marker = await page.locator('.graph-marker').boundingBox();
    expect(marker).not.toBeNull();
    await page.mouse.dblclick(marker!.x + marker!.width / 2, marker!.y + marker!.height / 2);
    expect(await text(page.locator('.expand-status'))).toBe('已展开：硒泉镇');
    await expect.poll(nodeCount, { timeout: 20_000 }).toBeGreaterThan(before);
    await screenshot(page, 'entity-expanded');

    const afterMouse = await nodeCount();
    await page.locator('.graph-canvas').focus();
    await page.keyboard.press('ArrowRight');
    const next = await selected();
    expect(next).not.toBe('硒泉镇');
    await page.keyboard.press('+');
    await expect.poll(async () => text(page.locator('.expand-status')), { timeout: 20_000 }).toBe(`已展开：${next}`);
    expect(await nodeCount()).toBeGreaterThanOrEqual(afterMouse);
    await page.keyboard.press('Enter');
    // Opening the node navigates: wait for the new page's heading rather than reading the old one.
    await expect.poll(async () => text(page.locator('h1')), { timeout: 20_000 }).toBe(next);
  });

  it('finds experts for a problem in plain words, with filters, reasons and clickable evidence, and tells same-name experts apart', async () => {
    const { page } = await openPage(suite.context, `${suite.origin}/experts`);
    await page.getByLabel('用自己的话描述您的技术难题').fill('中药材提取物和制剂加工');
    await page.getByLabel('只看可柔性引进的专家').check();
    await page.getByRole('button', { name: '找专家' }).click();
    expect(await text(page.locator('.count'))).toBe('找到 3 位专家');
    expect(new URL(page.url()).searchParams.get('flexible')).toBe('1');
    const first = page.locator('[data-testid="match"]').first();
    expect(await text(first.locator('.match-label'))).toBe('覃朔柯（高级工程师，X县百草源生物提取有限公司）');
    expect(await allTexts(first.locator('.reason-kind'))).toEqual(['技术方向吻合', '综合实力', '专利成果', '项目经验']);
    await expectAccessible(page);
    await screenshot(page, 'experts', true);
    await first.locator('.reason[data-reason-kind="PATENT_EVIDENCE"] a', { hasText: '一种中药材多糖连续逆流提取方法' }).click();
    expect(await text(page.locator('h1'))).toBe('一种中药材多糖连续逆流提取方法');

    // Two experts named 周砚秋 (Expert.json): a professor at 西南大学 and an agronomist at 岚溪中药材种植.
    await page.goto(`${suite.origin}/experts?q=${encodeURIComponent('中药材规范化种植和腊肉冷链保存')}`);
    const labels = await allTexts(page.locator('.match-label'));
    expect(labels).toEqual(expect.arrayContaining(['周砚秋（教授，西南大学）', '周砚秋（农艺师，X县岚溪中药材种植有限公司）']));
  });

  it('recommends partners for an enterprise, with reasons and cooperation/conflict badges', async () => {
    const { page } = await openPage(suite.context, `${suite.origin}/partners`);
    await page.getByRole('combobox', { name: '为谁找合作伙伴（企业、产业、产业链环节或需求）' }).fill('云吉食品');
    await page.getByRole('option', { name: /X县云吉食品有限公司/ }).click();
    expect(await text(page.locator('.count'))).toMatch(/^为「X县云吉食品有限公司」推荐 \d+ 个合作伙伴$/);
    const first = page.locator('[data-testid="match"]').first();
    expect(await text(first.locator('.match-label'))).toBe('西南大学（嘉林区）');
    // PARTICIPATES_IN.json: 西南大学 and 云吉食品 both work on 山地鸡冷鲜加工与预制菜开发.
    expect(await text(first.locator('.reason[data-reason-kind="GRAPH_PROXIMITY"] .reason-summary'))).toBe('与需求方共同参与项目「山地鸡冷鲜加工与预制菜开发」');
    await expectAccessible(page);
    await screenshot(page, 'partners', true);

    // 老檐腊肉 and 青岗老腊肉 share the segment 老腊肉·制作, so one is flagged as a possible competitor of the other.
    await page.goto(`${suite.origin}/partners?for=${globalId('Enterprise', 'ent:laoyan-larou')}`);
    const conflicted = page.locator('[data-testid="match"]', { has: page.locator('.badge-conflict') }).first();
    expect(await text(conflicted.locator('.badge-conflict'))).toBe('可能冲突');
    expect(await text(conflicted.locator('.conflict-reason'))).toMatch(/可能存在竞争关系$/);
  });

  it('lists open demands, opens one with who could take it; a viewer sees no edit form, an editor posts a demand with errors shown next to the fields', async () => {
    const { page } = await openPage(suite.context, `${suite.origin}/demands`);
    // Demand.json: 14 of the 30 demands are OPEN.
    expect(await text(page.locator('h2.count'))).toBe('开放中的需求（14）');
    expect(await page.locator('[data-testid="demand"]').count()).toBe(14);
    await page.getByRole('link', { name: '农光互补下中药材间作模式' }).click();
    expect(await text(page.locator('h1'))).toBe('农光互补下中药材间作模式');
    expect(await text(page.locator('h2', { hasText: '谁能承接' }))).toMatch(/^谁能承接（\d+）$/);
    expect(await page.locator('[data-testid="match"]').count()).toBeGreaterThan(0);
    await expectAccessible(page);

    // POSTED.json: 岐云药业 posted 黄精多糖提取率提升; COOPERATES_WITH.json: 岐云药业 works with 百草源, where
    // 覃朔柯 is 研发总监 (AFFILIATED_WITH.json) — so he is proposed with the 已有合作 badge.
    await page.goto(`${suite.origin}/demands/${globalId('Demand', 'demand:herbs-yield')}`);
    const cooperating = page.locator('[data-testid="match"]', { hasText: '覃朔柯（高级工程师，X县百草源生物提取有限公司）' });
    expect(await text(cooperating.locator('.badge-cooperating'))).toBe('已有合作');
    await screenshot(page, 'demand');

    await page.goto(`${suite.origin}/demands`);
    await signInAs(page, await tokenFor('viewer'));
    await page.locator('h2.count').waitFor();
    expect(await page.getByRole('link', { name: '发布新需求' }).count()).toBe(0);
    await page.getByRole('button', { name: '退出登录' }).click();

    await signInAs(page, await tokenFor('editor'));
    await page.getByRole('link', { name: '发布新需求' }).click();
    await page.getByRole('button', { name: '发布' }).click();
    expect(await text(page.locator('[data-field="title"] .field-error'))).toBe('此项必填。');
    expect(await text(page.locator('[data-field="postedBy"] .field-error'))).toBe('此项必填。');
    await page.getByLabel('预算（万元） *').fill('-5');
    await page.getByRole('button', { name: '发布' }).click();
    expect(await text(page.locator('[data-field="budget"] .field-error'))).toBe('预算须为不小于 0 的数字。');
    await expectAccessible(page);
    await screenshot(page, 'demand-form-errors', true);

    const title = `e2e 山地鸡育种揭榜挂帅 ${Date.now()}`;
    await page.getByLabel('需求标题 *').fill(title);
    await page.getByLabel('预算（万元） *').fill('200');
    await page.getByRole('combobox', { name: '发布单位 *' }).fill('科技局');
    await page.getByRole('option', { name: /X县科技局/ }).click();
    await page.getByRole('combobox', { name: '所需技术主题' }).fill('山地鸡育种');
    await page.getByRole('option', { name: /山地鸡育种/ }).first().click();
    await page.getByLabel('信息来源 *').fill('e2e test');
    await page.getByRole('button', { name: '发布' }).click();
    await page.waitForURL((url) => /^\/demands\/(?!new$)[^/]+$/.test(url.pathname), { timeout: 20_000 });
    try {
      expect(await text(page.locator('h1'))).toBe(title);
      expect(await text(page.locator('.fact', { hasText: '所需技术' }).locator('dd'))).toBe('山地鸡育种');
    } finally {
      const id = Buffer.from(decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? ''), 'base64url').toString('utf8').replace(/^Demand:/, '');
      await suite.database.write('MATCH (demand:Demand) WHERE demand.id = $id OR demand.title = $title DETACH DELETE demand', { id, title });
    }
  });

  it('shows a chain from upstream to downstream with support, gaps in colour with their reason and ranked candidates', async () => {
    const { page } = await openPage(suite.context, `${suite.origin}/chain`);
    await page.getByLabel('选择产业').selectOption({ label: '老腊肉（硒谷）' });
    const columns = page.locator('.chain-column');
    await columns.first().waitFor();
    // UPSTREAM_OF.json: 育种 → 养殖 → 制作 → 保存 / 溯源 (a branch) → 销售.
    expect(await columns.count()).toBe(5);
    expect(await allTexts(columns.nth(3).locator('.segment h3'))).toEqual(['老腊肉·保存', '老腊肉·溯源']);
    const breeding = page.locator('.segment[data-segment="老腊肉·育种"]');
    const gap = breeding.locator('.gap[data-gap="NO_ENTERPRISE"]');
    expect(await text(gap.locator('.gap-badge'))).toBe('缺企业');
    expect(await computedStyle(gap.locator('.gap-badge'), 'backgroundColor')).toBe('rgb(183, 28, 28)');
    expect(await computedStyle(breeding, 'borderLeftColor')).toBe('rgb(183, 28, 28)');
    expect(await text(gap.locator('.gap-reason'))).toBe('县内没有企业处于该环节');
    await gap.locator('summary').click();
    expect(await text(gap.locator('.candidate a').first())).toBe('X县凤鸣山地鸡产业有限公司（青岗镇）');
    const tracing = page.locator('.segment[data-segment="老腊肉·溯源"]');
    expect(await allTexts(tracing.locator('.gap-badge'))).toEqual(['支撑薄弱', '缺平台', '缺专家', '技术老化']);
    expect(await computedStyle(tracing.locator('.gap[data-gap="WEAK"] .gap-badge'), 'backgroundColor')).toBe('rgb(242, 201, 76)');
    await expectAccessible(page);
    await screenshot(page, 'chain', true);
  });

  it('connects two entities: the paths drawn and as sentences', async () => {
    const { page } = await openPage(suite.context, `${suite.origin}/connect`);
    await page.getByRole('combobox', { name: '从' }).fill('青岗老腊肉');
    await page.getByRole('option', { name: /X县青岗老腊肉食品有限公司/ }).click();
    await page.getByRole('combobox', { name: '到' }).fill('西南大学');
    await page.getByRole('option', { name: /^高校 西南大学/ }).click();
    await page.getByRole('button', { name: '查找路径' }).click();
    expect(await text(page.locator('.count'))).toBe('X县青岗老腊肉食品有限公司 → 西南大学：找到 5 条路径，最短 1 步');
    // COOPERATES_WITH.json holds ent:qinggang-laorou → univ:swu directly.
    expect(await text(page.locator('.path-sentence').first())).toBe('路径 1（1 步） X县青岗老腊肉食品有限公司 —合作→ 西南大学');
    expect(await graphDrawn(page)).toBeGreaterThanOrEqual(3);
    await expectAccessible(page);
    await screenshot(page, 'connect', true);
  });

  it('shows a valley at a glance: industries, weakest segments and indicators against their targets as charts', async () => {
    const { page } = await openPage(suite.context, `${suite.origin}/valley`);
    await page.getByLabel('选择产业集群').selectOption({ label: '药谷' });
    expect(await text(page.locator('h2.count'))).toMatch(/^药谷 · .+ · 县内企业 9 家$/);
    const weakest = page.locator('.weakest li').first();
    expect(await text(weakest.locator('a'))).toBe('中药材·制剂');
    // No enterprise; experts counted where they work: of the 7 holding its topics only 2 are in the county (< 3,
    // README chain rules), so support is weak; its last project started in 2018.
    expect(await allTexts(weakest.locator('.gap-badge'))).toEqual(['缺企业', '支撑薄弱', '技术老化']);
    await page.locator('.chart[data-ready="true"]').nth(1).waitFor();
    expect(await page.locator('.chart svg').count()).toBe(2);
    expect(await text(page.locator('.indicator-list li[data-indicator="高新技术企业数"]'))).toContain('完成 89%');
    await expectAccessible(page);
    await screenshot(page, 'valley', true);
  });

  it('switches to English and keeps every view addressable by URL', async () => {
    const { page } = await openPage(suite.context, `${suite.origin}/chain?industry=${globalId('Industry', 'industry:laorou')}`);
    await page.locator('.chain-column').first().waitFor();
    await page.getByRole('button', { name: /切换到英文界面/ }).click();
    expect(await text(page.locator('h1'))).toBe('Industry chain');
    expect(await text(page.locator('.segment[data-segment="老腊肉·育种"] .gap-badge'))).toBe('No enterprise');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: /Switch to Chinese/ }).click();
    expect(await text(page.locator('h1'))).toBe('产业链');
  });
});
