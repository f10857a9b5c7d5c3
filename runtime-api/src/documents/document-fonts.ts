import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The CJK font every document is set in: Noto Sans SC (SIL Open Font License 1.1), from the npm package
 * @expo-google-fonts/noto-sans-sc, so it arrives with `pnpm install` and needs no system font. Static
 * TrueType outlines subset cleanly with pdfkit (fontkit): a PDF embeds only the glyphs it uses.
 */
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

export type FontWeight = keyof typeof FONT_FILES;
export type DocumentFonts = Record<FontWeight, Buffer>;

let loaded: DocumentFonts | undefined;

/** Read once per process (about 10 MB each) and shared by every render. */
export function documentFonts(): DocumentFonts {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    loaded = {
      regular: readFileSync(require.resolve(FONT_FILES.regular)),
      bold: readFileSync(require.resolve(FONT_FILES.bold)),
    };
  }
  return loaded;
}
