// Drives automap's operator page in headless Chromium (Debian's package): signs in with the API
// key, opens the automations list and one automation, waits for its Mermaid diagram, opens the
// runs on a step, clicks pause on a run, and follows a run's link into Temporal UI. Keeps a
// screenshot and the visible text of each view in the out dir, and facts.json for the checks.
// With a second automation's key, opens its page too (one whose runs have ended).
// usage: node operator-page.js <out dir> <app url> <api key> <automation key> <step> [<key>]
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

(async () => {
  const [outDir, app, apiKey, automation, step, ended] = process.argv.slice(2);
  fs.mkdirSync(outDir, { recursive: true });
  const facts = {};
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  async function keep(name) {
    await page.screenshot({ path: path.join(outDir, name + '.png'), fullPage: true });
    fs.writeFileSync(path.join(outDir, name + '.txt'), await page.innerText('body'));
    console.log('view: ' + name);
  }
  try {
    await page.goto(app + '/ui');
    facts.signInUrl = page.url();
    await keep('signin');
    await page.fill('input[name=key]', apiKey);
    await Promise.all([page.waitForURL(app + '/ui'), page.click('button[type=submit]')]);
    await page.waitForSelector('#automations');
    await keep('automations');

    await Promise.all([
      page.waitForURL(/\/ui\/automations\//),
      page.click(`#automations tr[data-key="${automation}"] a`),
    ]);
    await page.waitForSelector('body[data-drawn=yes] #diagram svg', { timeout: 20000 });
    facts.diagramText = await page.innerText('#diagram');
    facts.diagramNodes = await page.locator('#diagram svg .node').count();
    facts.diagramEdgeLabels = await page.locator('#diagram svg .edgeLabel').allInnerTexts();
    await keep('automation');

    // the runs on a step: chosen by clicking its node in the diagram
    await Promise.all([
      page.waitForURL(new RegExp('step=' + encodeURIComponent(step))),
      page.locator('#diagram svg .node', { hasText: step }).first().click(),
    ]);
    await page.waitForSelector('body[data-drawn=yes] #diagram svg');
    await page.waitForSelector('#run-table');
    facts.runLinks = await page.locator('#run-table a.temporal').evaluateAll((as) => as.map((a) => a.href));
    facts.runs = await page.locator('#run-table tr[data-run]').evaluateAll((rs) => rs.map((r) => r.dataset.run));
    await keep('step');

    // pause the first run from the page, and see it paused after the page reloads
    const run = facts.runs[0];
    const row = page.locator(`#run-table tr[data-run="${run}"]`);
    await Promise.all([page.waitForEvent('load'), row.locator('button', { hasText: 'pause' }).click()]);
    const deadline = Date.now() + 20000;
    for (;;) {
      await page.waitForSelector('#run-table');
      const state = await page.locator(`#run-table tr[data-run="${run}"] [data-fig=state]`).innerText();
      if (state === 'paused' || Date.now() > deadline) {
        facts.pausedState = state;
        break;
      }
      await page.waitForTimeout(1000);
      await page.reload();
    }
    facts.paused = run;
    facts.resumeButton = await page.locator(`#run-table tr[data-run="${run}"] button`, { hasText: 'resume' }).count();
    await page.waitForSelector('body[data-drawn=yes] #diagram svg');
    facts.diagramTextAfterPause = await page.innerText('#diagram');
    await keep('paused');

    // an automation whose runs have ended: its end box counts them
    if (ended) {
      await page.goto(app + '/ui/automations/' + encodeURIComponent(ended));
      await page.waitForSelector('body[data-drawn=yes] #diagram svg', { timeout: 20000 });
      facts.endedDiagramText = await page.innerText('#diagram');
      await keep('ended');
    }

    // the run's link opens it in Temporal UI
    const temporal = await context.newPage();
    await temporal.goto(facts.runLinks[0], { waitUntil: 'domcontentloaded' });
    await temporal.waitForSelector('main', { timeout: 20000 });
    await temporal.waitForTimeout(3500);
    await temporal.screenshot({ path: path.join(outDir, 'temporal-run.png') });
    fs.writeFileSync(path.join(outDir, 'temporal-run.txt'), await temporal.innerText('body'));
    console.log('view: temporal-run');
  } finally {
    facts.errors = errors;
    fs.writeFileSync(path.join(outDir, 'facts.json'), JSON.stringify(facts, null, 2));
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
