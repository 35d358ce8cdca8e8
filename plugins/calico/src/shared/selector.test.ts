/** Calico selector syntax: table-driven against Calico's documented semantics (docs.tigera.io, "Selectors"). */
import { describe, expect, it } from 'vitest';
import { formatSelector, matches, parseSelector, SelectorSyntaxError } from './selector.js';

const api = { app: 'api', tier: 'backend', 'projectcalico.org/namespace': 'shop', 'k8s-app': 'kube-dns' };
const web = {
  app: 'web',
  tier: 'frontend',
  'projectcalico.org/namespace': 'shop',
  'app.kubernetes.io/part-of': 'shop',
};
const bare = {};
const hostEndpoint = { 'kubernetes-host': '' };

const cases: Array<[selector: string, labels: Record<string, string>, expected: boolean]> = [
  // all(), empty, global()
  ['all()', bare, true],
  ['', api, true],
  ['   ', bare, true],
  ['global()', api, false],
  ['global()', hostEndpoint, true],
  // == and !=; != is true for an absent label
  ["app == 'api'", api, true],
  ["app == 'api'", web, false],
  ['app == "api"', api, true],
  ["app=='api'", api, true],
  ["app != 'api'", web, true],
  ["app != 'api'", api, false],
  ["app != 'api'", bare, true],
  ["k8s-app == 'kube-dns'", api, true],
  ["app.kubernetes.io/part-of == 'shop'", web, true],
  ["projectcalico.org/namespace == 'shop'", api, true],
  // has() and !has(); an empty value still "has" the label
  ['has(tier)', api, true],
  ['has(tier)', bare, false],
  ['!has(tier)', bare, true],
  ['!has(tier)', api, false],
  ['has(kubernetes-host)', hostEndpoint, true],
  ['! has(tier)', api, false],
  // in {} and not in {}; not in is true for an absent label
  ["app in {'api', 'web'}", web, true],
  ["app in {'api','web'}", api, true],
  ["app in {'db'}", api, false],
  ['app in {}', api, false],
  ["app in {'api'}", bare, false],
  ["app not in {'api'}", web, true],
  ["app not in {'api'}", api, false],
  ["app not in {'api'}", bare, true],
  ["projectcalico.org/namespace not in {'kube-system','calico-system'}", api, true],
  [
    "projectcalico.org/namespace not in {'kube-system','calico-system'}",
    { 'projectcalico.org/namespace': 'kube-system' },
    false,
  ],
  // string operators
  ["app contains 'p'", api, true],
  ["app starts with 'we'", web, true],
  ["app ends with 'pi'", api, true],
  ["app ends with 'x'", bare, false],
  // && binds tighter than ||; ! binds tightest; parentheses
  ["app == 'api' && tier == 'backend'", api, true],
  ["app == 'api' && tier == 'frontend'", api, false],
  ["app == 'db' || tier == 'frontend'", web, true],
  ["app == 'db' || app == 'x' && has(tier)", api, false],
  ["app == 'api' || app == 'x' && has(nope)", api, true],
  ["(app == 'api' || app == 'web') && tier == 'frontend'", web, true],
  ["(app == 'api' || app == 'web') && tier == 'frontend'", api, false],
  ["!(app == 'api' || app == 'web')", bare, true],
  ["!(app == 'api' || app == 'web')", api, false],
  ["!app == 'api'", web, true],
  ['all() && !has(tier)', bare, true],
  ["((app == 'api'))", api, true],
  ["has(app) && app not in {'web'} && !(tier == 'frontend')", api, true],
];

describe('Calico selectors', () => {
  it.each(cases)('%s on %j → %s', (selector, labels, expected) => {
    expect(matches(selector, labels)).toBe(expected);
  });

  it.each([
    ['app == api', /expected a quoted string/],
    ["app = 'api'", /unexpected character "="/],
    ["app == 'api", /unterminated string/],
    ["(app == 'api'", /expected "\)"/],
    ["app == 'api' &&", /expected a label/],
    ["app == 'api' app == 'web'", /expected "&&", "\|\|" or the end/],
    ['has()', /expected a label name/],
    ["app in {'a' 'b'}", /expected "}"/],
    ['app', /expected "==".*after app/],
    ["app not {'a'}", /after app/],
  ])('refuses %s', (selector, message) => {
    expect(() => parseSelector(selector)).toThrow(SelectorSyntaxError);
    expect(() => parseSelector(selector)).toThrow(message);
  });

  it.each([
    ["app=='api'&&!has(x)", "app == 'api' && !has(x)"],
    ["(a=='1'||b=='2')&&c in {'x','y'}", "(a == '1' || b == '2') && c in {'x', 'y'}"],
    ["!(a == '1' && b != '2')", "!(a == '1' && b != '2')"],
    ['', 'all()'],
  ])('formats %s as %s', (selector, text) => {
    expect(formatSelector(parseSelector(selector))).toBe(text);
    // The formatted text parses to the same tree.
    expect(parseSelector(text)).toEqual(parseSelector(selector));
  });
});
