// The texts of a webview page travel in its init message as a flat object of templates, localized by the host.
// Both ends use these helpers: the page's protocol validates the object, the page fills the placeholders.
import { isPlainObject, textField } from './messageChecks';

/** A page text is short; a longer one is not the host's. */
export const MAX_PAGE_STRING = 2_000;

/**
 * Whether `value` holds every key of `keys` as a string of at most `MAX_PAGE_STRING` characters. Keys that are not
 * listed are allowed and ignored (the page reads only its own).
 */
export function hasPageStrings<K extends string>(value: unknown, keys: readonly K[]): value is Record<K, string> {
  if (!isPlainObject(value)) return false;
  const pageString = textField(MAX_PAGE_STRING);
  return keys.every((key) => Object.prototype.hasOwnProperty.call(value, key) && pageString(value[key]) === undefined);
}

/** `{0}`, `{1}`… replaced by the values (numbers grouped for the page's locale); unknown placeholders stay. */
export function fillPlaceholders(template: string, values: readonly (string | number)[]): string {
  if (values.length === 0) return template;
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = values[Number(index)];
    if (value === undefined) return match;
    return typeof value === 'number' ? value.toLocaleString() : value;
  });
}
