import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (which downloads nothing). npm test installs it when
 * it is missing and it can (scripts/ensure-chromium.sh).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The width the dashboard is reviewed at (a laptop screen). */
const REVIEW_WIDTH = 1400;

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium profile (closed and removed by close()). */
export async function launchChromium(viewport = { width: REVIEW_WIDTH, height: 1000 }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The dashboard browser test needs Debian's Chromium at ${CHROMIUM}, which is not installed. ` +
        '`npm test` installs it (scripts/ensure-chromium.sh) when run as root with apt-get; otherwise run ' +
        '`apt-get install -y chromium` as root, or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'pcl-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Where screenshots of the reviewed views go (git-ignored; SCREENSHOT_DIR overrides it): look at
 * them after a run, e.g. when a change to the dashboard's layout is reviewed.
 */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.join('.data', 'screenshots');

/** Saves the whole page as <SCREENSHOT_DIR>/<name>.png; returns the file. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * What is wrong with the page's layout, as a reader would see it: the page scrolling sideways, an
 * element sticking out of the window, content cut off by its box, a chart label outside its chart,
 * smaller than 9 px on screen, or on top of another. Empty when it looks right.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // This file is compiled without the DOM's types: the page's globals, loosely typed.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the DOM's types are not in this program
    const w = globalThis as any;
    const doc = w.document;
    const problems: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- idem
    const name = (el: any) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const width = doc.documentElement.clientWidth;
    if (doc.documentElement.scrollWidth > width) problems.push(`the page scrolls sideways: ${doc.documentElement.scrollWidth} px wide in a ${width} px window`);
    for (const el of doc.querySelectorAll('#view *')) {
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > width + 0.5 || r.left < -0.5) problems.push(`${name(el)} sticks out of the window (${Math.round(r.left)}..${Math.round(r.right)} px)`);
      const style = w.getComputedStyle(el);
      if (['hidden', 'auto', 'scroll', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} cuts off its content (${el.scrollWidth} px in ${el.clientWidth} px)`);
    }
    for (const svg of doc.querySelectorAll('#view svg')) {
      const vb = svg.viewBox.baseVal;
      const boxes = [];
      const scale = svg.getBoundingClientRect().width / vb.width;
      for (const t of svg.querySelectorAll('text')) {
        const b = t.getBBox();
        if (b.width === 0) continue;
        const px = parseFloat(w.getComputedStyle(t).fontSize) * scale;
        if (px < 9) problems.push(`${name(svg)}: label "${t.textContent}" is too small to read (${px.toFixed(1)} px)`);
        if (b.x < vb.x - 1 || b.y < vb.y - 1 || b.x + b.width > vb.x + vb.width + 1 || b.y + b.height > vb.y + vb.height + 1) {
          problems.push(`${name(svg)}: label "${t.textContent}" is clipped by the chart's edge`);
        }
        boxes.push({ t, b });
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, c] = [boxes[i].b, boxes[j].b];
          if (a.x + 0.5 < c.x + c.width && c.x + 0.5 < a.x + a.width && a.y + 0.5 < c.y + c.height && c.y + 0.5 < a.y + a.height) {
            problems.push(`${name(svg)}: labels "${boxes[i].t.textContent}" and "${boxes[j].t.textContent}" overlap`);
          }
        }
      }
    }
    return problems;
  });
}

/**
 * A new tab at `url`, whose page errors and console errors are appended to `errors` (the tests
 * assert there are none).
 */
export async function openPage(browser: Browser, url: string, errors: string[], label = url): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (err) => errors.push(`${label}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${label}: ${msg.text()}`);
  });
  await page.goto(url);
  return page;
}
