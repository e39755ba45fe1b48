/**
 * Where the site's islands send votes and events. Same origin by default (the reference server
 * serves the site and `/api/`); `SUPPORT_API_URL` points a statically hosted KB at another backend.
 */
export function apiUrl(path: `/api/${string}`): string {
  const base = process.env.SUPPORT_API_URL?.replace(/\/+$/, '') ?? '';
  return `${base}${path}`;
}
