import { describe, expect, it } from 'vitest';
import { toJson } from '../../payload';

describe('toJson', () => {
  it('keeps plain JSON values as they are', () => {
    const value = { s: 'é 数据 <img>', n: 1.5, b: true, z: null, list: [1, { x: 'y' }] };
    expect(JSON.parse(toJson(value))).toEqual(value);
  });
  it('serializes objects with toJSON (Date) through it', () => {
    expect(toJson({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
  });
  it('drops undefined object properties, like JSON', () => expect(toJson({ a: undefined, b: 1 })).toBe('{"b":1}'));
  it('refuses undefined at the top and inside arrays', () => {
    expect(() => toJson(undefined)).toThrow(expect.objectContaining({ path: 'data' }));
    expect(() => toJson([1, undefined])).toThrow(expect.objectContaining({ path: 'data[1]' }));
  });
  it('names the path of a bad value with bracket notation for odd keys', () => {
    expect(() => toJson({ 'a-b': [{ c: -Infinity }] })).toThrow(expect.objectContaining({ path: 'data["a-b"][0].c' }));
  });
  it('accepts the same object twice when it is not circular', () => {
    const shared = { x: 1 };
    expect(toJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
  it('enforces the size limit in bytes', () => {
    expect(() => toJson('é'.repeat(600), 'data', 1000)).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    expect(toJson('é'.repeat(400), 'data', 1000)).toHaveLength(402);
  });
});
