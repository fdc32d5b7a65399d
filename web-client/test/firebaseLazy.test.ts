import { describe, expect, it } from 'vitest';

// every source file of the client, as text
const sources = import.meta.glob('../src/**/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('the Firebase SDK', () => {
  it('is reached only through dynamic imports, so a page without Firebase never downloads it', () => {
    const staticImports = Object.entries(sources).flatMap(([file, text]) =>
      text
        .split('\n')
        .filter((line) => /^\s*(import|export)\s+(?!type\b)[^;]*from\s+['"](firebase\/|\.\.?\/.*firebase\/firebaseLib)/.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(staticImports).toEqual([]);
    const lib = sources['../src/firebase/firebaseLib.ts'] as string;
    expect(lib.match(/await import\('firebase\/(app|auth|messaging)'\)/g)?.length).toBeGreaterThanOrEqual(3);
  });
});
