/**
 * When a page reached each named state, from inside the page: Playwright's `waitFor` polls from outside
 * with back-off (checks after 0, 20, 50, 100, 100 ms, then every 500 ms), so a time read when it returns
 * can be up to half a second late, and more so the later the state comes. This init script
 * (`page.addInitScript`, so it runs before the page's own scripts and is not subject to its CSP) checks
 * each condition, a JavaScript expression, after every DOM mutation and keeps in `window.__marks[name]`
 * the `performance.now()` once the frame that follows the first mutation making it true has been rendered
 * (a message posted from that frame's animation-frame callback runs after its style, layout and paint):
 * ms since the navigation started, the same clock for Argus and the baseline page.
 */
export function loadMarksProbe(conditions: Record<string, string>): string {
  const checks = Object.entries(conditions)
    .map(([name, expr]) => `[${JSON.stringify(name)}, () => (${expr})]`)
    .join(',\n    ');
  return `
  window.__marks = {};
  const pending = [
    ${checks}
  ];
  const check = () => {
    for (let i = pending.length - 1; i >= 0; i--) {
      const [name, holds] = pending[i];
      let ok = false;
      try { ok = !!holds(); } catch {}
      if (!ok) continue;
      pending.splice(i, 1);
      requestAnimationFrame(() => {
        const after = new MessageChannel();
        after.port1.onmessage = () => { window.__marks[name] = performance.now(); };
        after.port2.postMessage(null);
      });
    }
    if (pending.length === 0) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
`;
}
