// The page's texts: they arrive with the init message (localized by the host) and are read through `t`.
import { fillPlaceholders } from '../../model/pageStrings';
import type { PanelStrings } from '../protocol';
import { setValueStrings } from './dom';

type PanelStringKey = keyof PanelStrings;

let current: PanelStrings | undefined;

export function setPanelStrings(strings: PanelStrings): void {
  current = strings;
  setValueStrings(strings);
}

/** The text of `key` with its placeholders filled; the key itself before any init (never shown: paints follow init). */
export function t(key: PanelStringKey, ...values: (string | number)[]): string {
  return fillPlaceholders(current?.[key] ?? key, values);
}

/** `one` or `many` by the count, its `{0}` the count. */
export function tCount(count: number, one: PanelStringKey, many: PanelStringKey, ...more: (string | number)[]): string {
  return t(count === 1 ? one : many, count, ...more);
}
