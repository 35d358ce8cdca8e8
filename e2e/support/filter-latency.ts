/**
 * A script to evaluate in the page (the e2e and benchmarks have no DOM types): from the next keydown in
 * `input` to the animation frame where the number `rows` evaluates to is smaller; the milliseconds are left
 * in `window.__filterLatency`.
 */
export const filterLatencyProbe = (input: string, rows: string) => `
  document.querySelector(${JSON.stringify(input)}).addEventListener('keydown', () => {
    const start = performance.now();
    const rows = () => ${rows};
    const before = rows();
    const check = () => {
      if (rows() < before) window.__filterLatency = performance.now() - start;
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, { once: true });
`;
