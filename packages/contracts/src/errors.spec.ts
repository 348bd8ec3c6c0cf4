import { z } from 'zod';
import { validate } from './validation.js';

describe('field errors', () => {
  const Person = z.strictObject({
    name: z.string().min(1),
    children: z.array(z.strictObject({ nik: z.string().length(16) })),
  });

  it('names nested fields by their dotted path', () => {
    const result = validate(Person, { name: '', children: [{ nik: '123' }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fields.map((field) => field.path).sort()).toEqual(['children.0.nik', 'name']);
  });

  it('reports each unknown key at its own path', () => {
    const result = validate(Person, {
      name: 'Siti',
      role: 'x',
      children: [{ nik: '1'.repeat(16), age: 3 }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fields).toEqual([
      { path: 'children.0.age', message: 'is not a recognised field' },
      { path: 'role', message: 'is not a recognised field' },
    ]);
  });
});
