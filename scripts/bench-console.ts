/**
 * Click-to-rendered time of a try-it request on the built site, answered by the in-browser
 * sandbox: from the click on Send to the frame that shows the response. Usage:
 * `npm run build && npm run bench:console [-- --dir <build dir>] [--stock] [--runs N]`.
 * `--stock` drives the stock docusaurus-theme-openapi-docs explorer instead (for a build of the
 * site before it had its own console), so the two can be compared on the same machine.
 */
import { chromium, type Page } from '@playwright/test';

import { chooseBrowser } from './playwright-browser';
import { serveBuild } from './serve-build';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const stock = args.includes('--stock');
const runs = Number(option('--runs') ?? 30);
const dir = option('--dir') ?? 'build';
const pagePath = '/docs/api/get-sandbox';

/**
 * Clicks Send and resolves with the milliseconds until the response has been painted. Kept as
 * plain JavaScript source: tsx would wrap a TypeScript function with helpers the page lacks.
 */
const timeInPage = `(async (stockTheme) => {
  const button = [...document.querySelectorAll('button')].find((candidate) =>
    stockTheme ? candidate.textContent === 'Send API Request' : /^Send \\w+ request$/.test(candidate.textContent ?? ''));
  if (!button) throw new Error('no Send button on the page');
  const output = () => stockTheme
    ? document.querySelector('.openapi-explorer__response-container')
    : document.querySelector('[data-testid="response-time"]');
  const before = output()?.textContent;
  return new Promise((resolve) => {
    const started = performance.now();
    const observer = new MutationObserver(() => {
      const shown = output()?.textContent;
      // The stock explorer clears its panel first; the answer is in when a status line is back.
      const answered = stockTheme ? Boolean(shown && /(^|\\D)200(\\D|$)/.test(shown) && shown !== before) : shown !== undefined && shown !== before;
      if (!answered) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - started));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    button.click();
  });
})`;

const timeOneRequest = (page: Page): Promise<number> => page.evaluate(`${timeInPage}(${JSON.stringify(stock)})`);

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  const { origin, stop } = await serveBuild(3196, dir);
  try {
    const choice = chooseBrowser(chromium.executablePath());
    const browser = await chromium.launch({ executablePath: choice.executablePath, args: [...choice.args] });
    const page = await browser.newPage();
    await page.goto(origin + pagePath, { waitUntil: 'networkidle' });
    // The first request starts the sandbox (worker registration); time the steady state after it.
    await timeOneRequest(page);
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) times.push(await timeOneRequest(page));
    await browser.close();
    const sorted = [...times].sort((a, b) => a - b);
    const format = (ms: number) => `${ms.toFixed(1)} ms`;
    console.log(`${stock ? 'stock theme explorer' : 'DataStack console'} · GET ${pagePath} · ${runs} requests after one warm-up`);
    console.log(`median ${format(percentile(sorted, 50))} · p95 ${format(percentile(sorted, 95))} · min ${format(sorted[0] ?? NaN)} · max ${format(sorted.at(-1) ?? NaN)}`);
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
