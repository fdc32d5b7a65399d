import { describe, expect, it } from 'vitest';
import { nodeProblem, requiredNode, satisfies } from '../scripts/node-version.mjs';

describe('the one Node requirement (package.json engines.node)', () => {
  it('accepts the Node lines the build tools support and refuses the rest', () => {
    const range = requiredNode();
    expect(satisfies(range, 'v20.19.0')).toBe(true);
    expect(satisfies(range, 'v22.12.0')).toBe(true);
    expect(satisfies(range, 'v24.1.0')).toBe(true);
    expect(satisfies(range, 'v18.20.4')).toBe(false);
    expect(satisfies(range, 'v20.18.3')).toBe(false);
    expect(satisfies(range, 'v22.11.0')).toBe(false);
    expect(satisfies(range, 'v23.5.0')).toBe(false);
  });

  it('names the requirement, the Node found and what to do when it does not do', () => {
    const problem = nodeProblem('v18.19.1');
    expect(problem).toContain(requiredNode());
    expect(problem).toContain('Node 18.19.1');
    expect(problem).toContain('-Dweb.skip');
    expect(nodeProblem('v22.12.0')).toBeNull();
  });

  it('refuses a range it cannot read rather than let any Node pass', () => {
    expect(() => satisfies('>=20.19', 'v20.19.0')).toThrow(/neither/);
    expect(() => satisfies('~20.19.0', 'v20.19.0')).toThrow(/neither/);
  });
});
