import { describe, expect, it } from 'vitest';
import { CreditGate } from './credit-gate.js';

describe('CreditGate', () => {
  it('takes exactly the asked credit at once, or nothing', () => {
    const gate = new CreditGate(100);
    expect(gate.tryTake(60)).toBe(true);
    expect(gate.available).toBe(40);
    expect(gate.tryTake(41)).toBe(false);
    expect(gate.available).toBe(40);
    gate.grant(1);
    expect(gate.tryTake(41)).toBe(true);
    expect(gate.available).toBe(0);
  });

  it('rejects a waiting take() when closed, and every take() after', async () => {
    const gate = new CreditGate(0);
    const waiting = gate.take(10);
    gate.close();
    await expect(waiting).rejects.toThrow('stream closed');
    gate.grant(50);
    await expect(gate.take(10)).rejects.toThrow('stream closed');
    expect(gate.tryTake(10)).toBe(false);
  });

  it('keeps the first failure', async () => {
    const gate = new CreditGate(0);
    gate.fail(new Error('tunnel gone'));
    gate.close();
    await expect(gate.take(1)).rejects.toThrow('tunnel gone');
  });
});
