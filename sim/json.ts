// Fast, byte-identical replacements for JSON.stringify / Date#toISOString on the simulator's hot paths
// (list pages serialise up to 250 identity DTOs per request). test/unit/sim/json.test.ts checks equivalence.

const PAD2: readonly string[] = Array.from({ length: 100 }, (_v, i) => (i < 10 ? `0${i}` : String(i)));
const PAD3: readonly string[] = Array.from({ length: 1000 }, (_v, i) => (i < 10 ? `00${i}` : i < 100 ? `0${i}` : String(i)));
const DAY_MS = 86_400_000;

/** Same result as `new Date(ms).toISOString()` (falls back to it outside years 0000–9999 and for non-integers). */
export function isoString(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < -62_167_219_200_000 || ms > 253_402_300_799_999) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  // civil_from_days (H. Hinnant), days since 1970-01-01 → y/m/d.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const hour = (rest - min) / 60;
  return `${PAD2[Math.floor(y / 100)]}${PAD2[y % 100]}-${PAD2[m]}-${PAD2[d]}T${PAD2[hour]}:${PAD2[min]}:${PAD2[sec]}.${PAD3[millis]}Z`;
}
