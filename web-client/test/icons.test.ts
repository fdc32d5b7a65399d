import { describe, expect, it } from 'vitest';

// every source file of the client, as text (Vite reads them at test time)
const sources = {
  ...import.meta.glob('../src/**/*.{ts,css,html}', { query: '?raw', import: 'default', eager: true }),
  // the service worker, served as it is
  ...import.meta.glob('../public/**/*.js', { query: '?raw', import: 'default', eager: true }),
} as Record<string, string>;

// pictographs and dingbats: drawn from an emoji font, an empty box on machines without one
const EMOJI = /[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{FE0F}]/u;

describe('icons', () => {
  it('are SVG from the icon set: no source file draws an icon with an emoji', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    const withEmoji = Object.entries(sources)
      .flatMap(([file, text]) => text.split('\n').map((line, i) => ({ file, line: i + 1, text: line })))
      .filter((line) => EMOJI.test(line.text))
      .map((line) => `${line.file}:${line.line}: ${line.text.trim()}`);
    expect(withEmoji).toEqual([]);
  });
});
