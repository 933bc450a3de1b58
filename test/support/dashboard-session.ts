// The setting of the dashboard's browser tests: the service (startStack) and Debian's Chromium,
// started before a file's tests and closed after them.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, openPage, type Browser } from './browser.js';
import { startStack, type Stack } from './stack.js';

export interface DashboardSession {
  /** Set before the file's tests run. */
  stack: Stack;
  browser: Browser;
  /** Page and console errors of every page opened (the tests assert there are none). */
  pageErrors: string[];
  /** A new tab on the dashboard at `hash` (e.g. '#/experiments'). */
  open(hash: string): Promise<Page>;
}

export function dashboardSession(stackOptions?: Parameters<typeof startStack>[0]): DashboardSession {
  const session: DashboardSession = {
    stack: undefined as unknown as Stack,
    browser: undefined as unknown as Browser,
    pageErrors: [],
    open: (hash) => openPage(session.browser, `${session.stack.baseUrl}/dashboard/${hash}`, session.pageErrors, hash),
  };
  beforeAll(async () => {
    session.stack = await startStack(stackOptions);
    session.browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.stack?.close();
  });
  return session;
}
