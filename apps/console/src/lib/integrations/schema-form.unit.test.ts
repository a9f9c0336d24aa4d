import { describe, expect, it } from 'vitest';
import { collectConfig, fieldsOf, validateAll, validateField, valuesOf } from './schema-form.js';

// The shape zod's toJSONSchema gives for the file-import plugin's config, abridged.
const schema = {
  type: 'object',
  properties: {
    format: { type: 'string', enum: ['csv', 'ndjson'], description: 'File format' },
    path: { type: 'string', minLength: 1 },
    url: { type: 'string', format: 'uri' },
    customerRefKind: { type: 'string', pattern: '^[a-z][a-z0-9_-]*$', default: 'email' },
    pageSize: { type: 'integer', minimum: 1, maximum: 10000, default: 1000 },
    mapping: { type: 'object', properties: { occurredAt: { type: 'string', default: 'occurredAt' }, value: { type: 'string' } } },
  },
  required: ['format', 'customerRefKind', 'pageSize', 'mapping'],
};

describe('schema form', () => {
  it('flattens nested objects into labelled fields and marks only required fields without defaults', () => {
    const fields = fieldsOf(schema);
    expect(fields.map((f) => f.name)).toEqual(['format', 'path', 'url', 'customerRefKind', 'pageSize', 'mapping.occurredAt', 'mapping.value']);
    expect(fields.filter((f) => f.required).map((f) => f.name)).toEqual(['format']);
    expect(fields.find((f) => f.name === 'mapping.occurredAt')?.label).toBe('Mapping › Occurred at');
  });

  it('explains what is wrong with a value', () => {
    const fields = fieldsOf(schema);
    const field = (name: string) => fields.find((f) => f.name === name)!;
    expect(validateField(field('pageSize'), '0')).toBe('Must be at least 1.');
    expect(validateField(field('pageSize'), '2.5')).toBe('Enter a whole number.');
    expect(validateField(field('url'), 'not a url')).toMatch(/full URL/);
    expect(validateField(field('customerRefKind'), 'Email')).toMatch(/expected format/);
    expect(validateAll(fields, {})).toEqual({ format: 'Format is required.' });
  });

  it('builds the config with typed values and nested objects, leaving empty optional fields to the defaults', () => {
    const fields = fieldsOf(schema);
    const config = collectConfig(fields, { format: 'csv', path: '/data/bookings.csv', pageSize: '50', 'mapping.value': 'amount', url: '' });
    expect(config).toEqual({ format: 'csv', path: '/data/bookings.csv', pageSize: 50, mapping: { value: 'amount' } });
    expect(valuesOf(fields, config)['mapping.value']).toBe('amount');
  });
});
