// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { chromiumPath } from './paths';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
  });
}

export interface WorkbenchPage {
  browser: Browser;
  page: Page;
}

/** A fresh browser with one 1400x900 page. */
export async function openPage(): Promise<WorkbenchPage> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    return { browser, page };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

/** The workbench URL of code-server for `folder`, with an optional VS Code `payload` (list of [key, value]). */
export function workbenchUrl(baseUrl: string, folder: string | undefined, payload?: [string, string][]): string {
  const params: string[] = [];
  if (folder) params.push(`folder=${encodeURIComponent(folder)}`);
  if (payload && payload.length) params.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${baseUrl}/${params.length ? `?${params.join('&')}` : ''}`;
}
