import { describe, expect, it } from 'vitest';
import { jobKey, queueKeys, validateJobId, validateQueueName } from '../../keys';

describe('keys', () => {
  it('puts every key of a queue under one hash tag', () => {
    const k = queueKeys('conveyor', 'mail: eu/1');
    for (const key of Object.values(k)) expect(key.startsWith('conveyor:{mail: eu/1}:')).toBe(true);
    expect(jobKey('conveyor', 'q', 'a:b')).toBe('conveyor:{q}:job:a:b');
  });
  it.each(['', 'a{b', 'a}b', ' lead', 'trail ', 'tab\there', 'x'.repeat(201), 42])('rejects queue name %j', (name) => {
    expect(() => validateQueueName(name)).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
  });
  it.each(['emails', 'a/b c:d#e%f', 'ünïcødé 📦', '..'])('accepts queue name %j', (name) => {
    expect(validateQueueName(name)).toBe(name);
  });
  it('rejects empty, huge and control-character job ids', () => {
    for (const id of ['', 'x'.repeat(257), 'a\nb']) expect(() => validateJobId(id)).toThrow(/jobId/);
  });
});
