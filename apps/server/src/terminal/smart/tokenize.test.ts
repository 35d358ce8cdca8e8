import { describe, expect, it } from 'vitest';
import { parseFlags, UsageError } from './flags.js';
import { TokenizeError, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('splits words like a shell, with quotes and escapes', () => {
    expect(tokenize('  get pods   -n payments ')).toEqual(['get', 'pods', '-n', 'payments']);
    expect(tokenize(`get pods -l 'app in (web, api)'`)).toEqual(['get', 'pods', '-l', 'app in (web, api)']);
    expect(tokenize(`logs "a \\"b\\" \\\\ c" x\\ y`)).toEqual(['logs', 'a "b" \\ c', 'x y']);
    expect(tokenize(`get ''`)).toEqual(['get', '']);
    expect(tokenize(`a"b"'c'`)).toEqual(['abc']);
  });
  it('expands nothing and treats shell operators as plain text', () => {
    expect(tokenize('get $HOME ~ * ; rm -rf / | cat && `x`')).toEqual([
      'get',
      '$HOME',
      '~',
      '*',
      ';',
      'rm',
      '-rf',
      '/',
      '|',
      'cat',
      '&&',
      '`x`',
    ]);
  });
  it('refuses unterminated quotes', () => {
    expect(() => tokenize(`get 'pods`)).toThrow(TokenizeError);
    expect(() => tokenize('get "pods')).toThrow('unterminated double quote');
    expect(() => tokenize('get \\')).toThrow('trailing backslash');
  });
});

describe('parseFlags', () => {
  const specs = [
    { name: 'all-namespaces', short: 'A', type: 'bool' as const },
    { name: 'output', short: 'o', type: 'string' as const },
    { name: 'tail', type: 'int' as const },
  ];
  it('reads long, short, joined and = forms', () => {
    const p = parseFlags(['pods', '-npayments', '-o=wide', '--tail', '3', '-A', 'x'], specs, 'get');
    expect(p.args).toEqual(['pods', 'x']);
    expect(Object.fromEntries(p.flags)).toEqual({
      namespace: 'payments',
      output: 'wide',
      tail: '3',
      'all-namespaces': 'true',
    });
    expect(parseFlags(['--all-namespaces=false', '--', '-x'], specs, 'get')).toEqual({
      args: ['-x'],
      flags: new Map([['all-namespaces', 'false']]),
    });
  });
  it('answers with kubectl’s errors', () => {
    expect(() => parseFlags(['--bogus'], specs, 'get')).toThrow(new UsageError('unknown flag: --bogus', 'get'));
    expect(() => parseFlags(['-x'], specs, 'get')).toThrow("unknown shorthand flag: 'x' in -x");
    expect(() => parseFlags(['-n'], specs, 'get')).toThrow("flag needs an argument: 'n' in -n");
    expect(() => parseFlags(['--tail=x'], specs, 'get')).toThrow(
      'invalid argument "x" for "--tail" flag: strconv.ParseInt: parsing "x": invalid syntax',
    );
  });
});
