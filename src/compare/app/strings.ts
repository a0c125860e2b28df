// The page's texts: they arrive with the init message (localized by the host) and are read through `t`.
import { fillPlaceholders } from '../../model/pageStrings';
import { setValueStrings } from '../../webview/app/dom';
import type { CompareStrings } from '../protocol';

export type CompareStringKey = keyof CompareStrings;

let current: CompareStrings | undefined;

export function setCompareStrings(strings: CompareStrings): void {
  current = strings;
  setValueStrings(strings);
}

/** The text of `key` with its placeholders filled; the key itself before init (nothing is shown before it). */
export function t(key: CompareStringKey, ...values: (string | number)[]): string {
  return fillPlaceholders(current?.[key] ?? key, values);
}

/** `one` or `many` by the count, its `{0}` the count. */
export function tCount(count: number, one: CompareStringKey, many: CompareStringKey): string {
  return t(count === 1 ? one : many, count);
}
