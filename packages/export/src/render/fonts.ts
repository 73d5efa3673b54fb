import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Fonts ship with the code (npm packages with TTF files), so a fresh machine renders Arabic the
 * same as ours: Noto Sans for Latin and most scripts, Noto Sans Arabic (shaped by fontkit's
 * Arabic shaper inside pdfkit), Noto Sans Mono for the █ bar, which the other two lack, and
 * (monochrome) Noto Emoji, so a 🕊️ in a testimony is not printed as an empty box.
 */
const FILES = {
  latin: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  latinBold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  arabic: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  mono: '@expo-google-fonts/noto-sans-mono/400Regular/NotoSansMono_400Regular.ttf',
  emoji: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
} as const;
export type FontName = keyof typeof FILES;

let cache: Record<FontName, Buffer> | null = null;

export function fontBuffers(): Record<FontName, Buffer> {
  cache ??= {
    latin: readFileSync(require.resolve(FILES.latin)),
    latinBold: readFileSync(require.resolve(FILES.latinBold)),
    arabic: readFileSync(require.resolve(FILES.arabic)),
    mono: readFileSync(require.resolve(FILES.mono)),
    emoji: readFileSync(require.resolve(FILES.emoji)),
  };
  return cache;
}
