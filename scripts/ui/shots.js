// Opens pages in headless Chromium (Debian's package), waits for them to render, keeps a
// full-page screenshot and prints each page's visible text to a file beside it.
// usage: node shots.js <out dir> <name>=<url> ...
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

(async () => {
  const [outDir, ...pages] = process.argv.slice(2);
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    for (const entry of pages) {
      const at = entry.indexOf('=');
      const name = entry.slice(0, at);
      const url = entry.slice(at + 1);
      const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      // Temporal UI long-polls a running workflow's history: wait for content, not for idle
      await page.waitForSelector('main', { timeout: 20000 });
      await page.waitForTimeout(3500);
      await page.screenshot({ path: path.join(outDir, name + '.png'), fullPage: true });
      let text = await page.innerText('body');
      // a run's summary and current details live on its User Metadata tab
      // (a tab in Temporal UI 2.42: found by its text, whatever role it has)
      const metadata = page.getByText('User Metadata', { exact: true });
      if ((await metadata.count()) > 0) {
        await metadata.first().click();
        await page.waitForTimeout(1500);
        await page.screenshot({ path: path.join(outDir, name + '-metadata.png') });
        text += '\n' + (await page.innerText('body'));
        // summaries and details are markdown, rendered inside sandboxed frames
        for (const frame of page.frames()) {
          if (frame !== page.mainFrame()) {
            text += '\n' + (await frame.innerText('body').catch(() => ''));
          }
        }
      }
      fs.writeFileSync(path.join(outDir, name + '.txt'), text);
      await page.close();
      console.log('page: ' + name);
    }
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
