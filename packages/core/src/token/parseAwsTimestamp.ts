// Accepts what every AWS tool has written: `Z`, `.sssZ`, `+00:00`/`+0000`, the pre-2021 CLI's `UTC` suffix,
// a space instead of `T` (Python's str(datetime)); a zone-less value is read as UTC, as the old CLI meant it.
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s*(Z|z|UTC|GMT|[+-]\d{2}:?\d{2})?$/;

/** Parse an RFC 3339-ish UTC timestamp from a token or credential cache file; undefined when it is not one. */
export function parseAwsTimestamp(value: string): number | undefined {
  const m = TIMESTAMP.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  let ms = Date.UTC(Number(y), month - 1, day, hour, minute, second, frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0);
  // Date.UTC rolls Feb 30 over into March; a real timestamp never does.
  if (new Date(ms).getUTCDate() !== day) return undefined;
  if (zone && /^[+-]/.test(zone)) {
    const digits = zone.replace(":", "");
    const offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
    ms -= zone.startsWith("+") ? offset : -offset;
  }
  return ms;
}

/** Format epoch ms the way botocore and the AWS CLI write cache files: `YYYY-MM-DDTHH:MM:SSZ` (seconds, truncated). */
export function formatAwsTimestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
