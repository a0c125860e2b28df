// Browser helpers of the details-panel e2e tests: open a panel from the palette, reach the webview's frames.
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { runCommand } from '../harness/codeServer';

/** The visible webview's content frame (the panel's own document). */
export function panelFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview:visible').frameLocator('#active-frame');
}

/** A Frame handle of the panel document, to evaluate in it (window flags, DOM census). */
export async function panelDocument(page: Page): Promise<Frame> {
  const handle = await panelFrame(page).locator('body').elementHandle({ timeout: 30_000 });
  if (!handle) throw new Error('no webview body');
  const frame = await handle.ownerFrame();
  if (!frame) throw new Error('no webview frame');
  return frame;
}

/**
 * "ISC: Open Identity Details…" from the palette, the identity found by its id in the quick pick.
 * Returns Date.now() of the Enter that opened it (the "click").
 */
export async function openIdentityFromPalette(page: Page, identityId: string): Promise<number> {
  await runCommand(page, 'ISC: Open Identity Details…');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  // The tenant picker is skipped with one tenant; the identity quick pick searches as we type.
  await page.locator('.quick-input-widget .quick-input-box input[placeholder*="identity ID"]').waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(identityId);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: identityId }).first().waitFor({ state: 'visible', timeout: 20_000 });
  const clickedAt = Date.now();
  await page.keyboard.press('Enter');
  return clickedAt;
}

/** Waits for header, attributes, assignments and ownership to be painted; returns Date.now() then. */
export async function waitForPaintedPanel(page: Page, timeoutMs = 45_000): Promise<number> {
  const frame = panelFrame(page);
  await frame.locator('#section-header h1.identity-name').waitFor({ state: 'visible', timeout: timeoutMs });
  await frame.locator('#section-header .facts').waitFor({ state: 'visible', timeout: timeoutMs });
  await frame.locator('#section-attributes table').waitFor({ state: 'visible', timeout: timeoutMs });
  await frame.locator('#section-assignments table, #section-assignments .state-message, #section-assignments .state-box').first().waitFor({ state: 'visible', timeout: timeoutMs });
  await frame.locator('#section-ownership table, #section-ownership .owns-nothing, #section-ownership .state-box').first().waitFor({ state: 'visible', timeout: timeoutMs });
  return Date.now();
}

/** Installed in every frame before its scripts run: records CSP violations and traps the payloads' flag. */
export const FRAME_PROBE = `(() => {
  try {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push({ directive: e.violatedDirective, blocked: String(e.blockedURI), sample: String(e.sample || '').slice(0, 120) });
    }, true);
  } catch (e) { /* ignore */ }
})();`;

export interface FrameCensus {
  pwned: unknown;
  violations: { directive: string; blocked: string; sample: string }[];
  /** src, or the start of an inline script's text. */
  scripts: { src: string; inline: string }[];
  timeOrigin: number;
  resources: { name: string; startTime: number; responseEnd: number }[];
  images: number;
  dangerous: number;
  /** Elements inside <body> with a style attribute (VS Code itself sets theme variables on <html>). */
  styledElements: string[];
  anchorsWithHref: number;
  text: string;
}

/** What the panel document contains and whether anything ran (a string: this project has no DOM types). */
const CENSUS_SCRIPT = `(() => ({
  pwned: window.__pwned,
  violations: window.__cspViolations || [],
  scripts: Array.from(document.scripts).map((s) => ({ src: s.src, inline: s.src ? '' : (s.textContent || '').slice(0, 300) })),
  timeOrigin: performance.timeOrigin,
  resources: performance.getEntriesByType('resource').map((r) => ({ name: r.name.split('/').pop(), startTime: Math.round(r.startTime), responseEnd: Math.round(r.responseEnd) })),
  images: document.images.length,
  dangerous: document.querySelectorAll('svg, iframe, object, embed, frame, base, form, input[type="image"]').length,
  styledElements: Array.from(document.querySelectorAll('body [style]')).map((e) => e.tagName),
  anchorsWithHref: document.querySelectorAll('a[href]').length,
  text: document.body.innerText,
}))()`;

export function census(frame: Frame): Promise<FrameCensus> {
  return frame.evaluate(CENSUS_SCRIPT) as Promise<FrameCensus>;
}
