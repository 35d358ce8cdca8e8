/** The one line each benchmark prints: name, figure, baseline, ratio, target and whether it is met. */
export function report(line: {
  name: string;
  figure: string;
  baseline: string;
  ratio: number;
  target: string;
  /** undefined when the issue sets no target */
  met: boolean | undefined;
  extra?: string;
}): void {
  const parts = [
    `${line.name}:`,
    line.figure,
    `| baseline ${line.baseline}`,
    `| ratio ${line.ratio.toFixed(2)}`,
    `| target ${line.target}`,
    line.met === undefined ? '(informational)' : line.met ? 'MET' : 'NOT MET',
  ];
  if (line.extra) parts.push(`| ${line.extra}`);
  console.log(parts.join(' '));
}

export const fmt = (n: number, digits = 0) => n.toFixed(digits);
