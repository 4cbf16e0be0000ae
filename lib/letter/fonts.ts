/**
 * The letter's fonts: DejaVu Sans (regular, bold) and DejaVu Sans Mono from the pinned
 * `dejavu-fonts-ttf` package, embedded (subset) in every PDF. PDF/A forbids the unembedded
 * standard 14 fonts, so pdfkit's default Helvetica must never be opened: the renderer passes
 * the regular font as the document's default.
 */
import "server-only";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export type LetterFonts = { regular: Buffer; bold: Buffer; mono: Buffer };

let cached: LetterFonts | undefined;

function fontDir(): string {
  try {
    const require = createRequire(import.meta.url);
    return path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  } catch {
    // A bundler that rewrites module resolution: the package is installed beside the app.
    return path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
  }
}

export function letterFonts(): LetterFonts {
  if (!cached) {
    const dir = fontDir();
    cached = {
      regular: readFileSync(path.join(dir, "DejaVuSans.ttf")),
      bold: readFileSync(path.join(dir, "DejaVuSans-Bold.ttf")),
      mono: readFileSync(path.join(dir, "DejaVuSansMono.ttf")),
    };
  }
  return cached;
}
