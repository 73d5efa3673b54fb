/**
 * Presence colours: one per user, the same on every server process and every client, so a
 * person keeps their colour across reloads and nodes. Chosen for contrast on a white page
 * and distinguishable with the common colour-vision deficiencies (Okabe–Ito plus darker tones).
 */
export const PRESENCE_COLORS = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#8E6C00',
  '#7B3294',
  '#1B7837',
  '#B2182B',
  '#2166AC',
  '#5E3C99',
] as const;

/** FNV-1a over the user id: cheap, stable and evenly spread over the palette. */
export function presenceColor(userId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    h ^= userId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return PRESENCE_COLORS[h % PRESENCE_COLORS.length] ?? PRESENCE_COLORS[0];
}

/** Servers broadcast a room's presence at most this often (coalescing updates in between). */
export const PRESENCE_MIN_INTERVAL_MS = 100;
