/**
 * Long permalinks. A readable query string that would pass `URL_QUERY_MAX` characters (e.g. four
 * groups of 300 communes, ~21 KB) is written instead as one parameter, `etat=`, holding the same
 * query string deflated (raw DEFLATE, fflate) and encoded in base64url. Servers refuse long request
 * lines: Node (Vite preview) answers 431 past 16 KB of headers, and the page's own URL comes back
 * a second time as `Referer` on every asset request; nginx refuses a request line over 8 KB. Short
 * links stay readable; a view that does not fit even compressed is refused before it is written.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

/** Longest query string (with its `?`) the app writes into the address. */
export const URL_QUERY_MAX = 6000;

/** The parameter that carries a compressed query string. */
export const COMPRESSED_PARAM = 'etat';

/** A decompressed query string longer than this is refused (a deflate bomb, not one of ours). */
const INFLATED_MAX = 200_000;

/** Deflates a query string (without `?`) into a base64url value. */
export function compressQuery(query: string): string {
  const bytes = deflateSync(strToU8(query), { level: 9 });
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Reads back a value written by `compressQuery`; null when it is not valid base64url, not
 * DEFLATE data, not UTF-8 or too large once inflated (a truncated or edited link).
 */
export function decompressQuery(value: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return null;
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const out = inflateSync(bytes, { out: new Uint8Array(INFLATED_MAX + 1) });
    if (out.length > INFLATED_MAX) return null;
    return strFromU8(out);
  } catch {
    return null;
  }
}
