// Types for the Vitest test of node-version.mjs (a plain Node script so that it runs before any package is installed).
export function requiredNode(): string;
export function satisfies(range: string, version: string): boolean;
export function nodeProblem(version?: string): string | null;
