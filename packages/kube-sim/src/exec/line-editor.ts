/**
 * Minimal terminal line discipline for TTY sessions: echoes typed characters, handles backspace,
 * Ctrl-C (discard line), Ctrl-D (end of input on an empty line), Ctrl-U (kill line) and drops
 * escState sequences (arrow keys). Non-TTY input is split into lines without echo.
 */
export type LineEvent = { type: 'line'; line: string } | { type: 'interrupt' } | { type: 'eof' };

export interface LineEditor {
  /** Feeds input bytes; returns the text to echo back and the completed events. */
  feed(data: Buffer | string): { echo: string; events: LineEvent[] };
  /** Remaining partial line when input ends (non-TTY `cmd` without newline). */
  flush(): LineEvent[];
}

export function createLineEditor(tty: boolean): LineEditor {
  let buffer = '';
  let escState: 'none' | 'esc' | 'csi' = 'none';

  const feed = (data: Buffer | string): { echo: string; events: LineEvent[] } => {
    const text = typeof data === 'string' ? data : data.toString('utf8');
    const events: LineEvent[] = [];
    let echo = '';
    for (const ch of text) {
      if (!tty) {
        if (ch === '\n') {
          events.push({ type: 'line', line: buffer.replace(/\r$/, '') });
          buffer = '';
        } else buffer += ch;
        continue;
      }
      if (escState === 'esc') {
        escState = ch === '[' || ch === 'O' ? 'csi' : 'none';
        continue;
      }
      if (escState === 'csi') {
        if (ch >= '@' && ch <= '~') escState = 'none';
        continue;
      }
      switch (ch) {
        case '\x1b':
          escState = 'esc';
          break;
        case '\r':
        case '\n':
          echo += '\r\n';
          events.push({ type: 'line', line: buffer });
          buffer = '';
          break;
        case '\x7f':
        case '\b':
          if (buffer.length > 0) {
            buffer = buffer.slice(0, -1);
            echo += '\b \b';
          }
          break;
        case '\x03':
          echo += '^C\r\n';
          buffer = '';
          events.push({ type: 'interrupt' });
          break;
        case '\x04':
          if (buffer === '') events.push({ type: 'eof' });
          break;
        case '\x15':
          echo += '\b \b'.repeat(buffer.length);
          buffer = '';
          break;
        case '\t':
          break;
        default:
          if (ch >= ' ') {
            buffer += ch;
            echo += ch;
          }
      }
    }
    return { echo, events };
  };

  const flush = (): LineEvent[] => {
    const events: LineEvent[] = [];
    if (buffer !== '') events.push({ type: 'line', line: buffer });
    buffer = '';
    events.push({ type: 'eof' });
    return events;
  };

  return { feed, flush };
}
