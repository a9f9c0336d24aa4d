// Builds a config form from a plugin's JSON Schema and validates it inline, the way the API will.
export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum';

export interface FieldSpec {
  path: string[];
  name: string; // dotted path, the input's name
  label: string;
  kind: FieldKind;
  required: boolean;
  description: string | null;
  options: string[];
  defaultValue: string;
  minimum: number | null;
  maximum: number | null;
  minLength: number | null;
  maxLength: number | null;
  pattern: string | null;
  format: string | null;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(schema: JsonObject, key: string): number | null {
  const value = schema[key];
  return typeof value === 'number' ? value : null;
}

function str(schema: JsonObject, key: string): string | null {
  const value = schema[key];
  return typeof value === 'string' ? value : null;
}

function humanise(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

function kindOf(schema: JsonObject): FieldKind | 'object' | null {
  if (Array.isArray(schema.enum)) return 'enum';
  const type = schema.type;
  if (type === 'object' || isObject(schema.properties)) return 'object';
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') return type;
  return null;
}

// Flattens nested objects into dotted fields; unsupported shapes (arrays, unions) are left out.
export function fieldsOf(schema: unknown, path: string[] = [], parentRequired = true): FieldSpec[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  return Object.entries(schema.properties).flatMap(([key, raw]): FieldSpec[] => {
    if (!isObject(raw)) return [];
    const kind = kindOf(raw);
    const here = [...path, key];
    const isRequired = parentRequired && required.has(key) && raw.default === undefined;
    if (kind === 'object') return fieldsOf(raw, here, isRequired);
    if (kind === null) return [];
    return [{
      path: here,
      name: here.join('.'),
      label: here.map(humanise).join(' › '),
      kind,
      required: isRequired,
      description: str(raw, 'description'),
      options: Array.isArray(raw.enum) ? raw.enum.map(String) : [],
      defaultValue: raw.default === undefined ? '' : String(raw.default),
      minimum: num(raw, 'minimum'),
      maximum: num(raw, 'maximum'),
      minLength: num(raw, 'minLength'),
      maxLength: num(raw, 'maxLength'),
      pattern: str(raw, 'pattern'),
      format: str(raw, 'format'),
    }];
  });
}

// The message to show beside the field, or null when the value is acceptable.
export function validateField(spec: FieldSpec, raw: string): string | null {
  const value = raw.trim();
  if (value === '') return spec.required ? `${spec.label} is required.` : null;
  switch (spec.kind) {
    case 'enum':
      return spec.options.includes(value) ? null : `Choose one of ${spec.options.join(', ')}.`;
    case 'number':
    case 'integer': {
      const n = Number(value);
      if (!Number.isFinite(n)) return 'Enter a number.';
      if (spec.kind === 'integer' && !Number.isInteger(n)) return 'Enter a whole number.';
      if (spec.minimum !== null && n < spec.minimum) return `Must be at least ${spec.minimum}.`;
      if (spec.maximum !== null && n > spec.maximum) return `Must be at most ${spec.maximum}.`;
      return null;
    }
    case 'boolean':
      return value === 'true' || value === 'false' ? null : 'Choose yes or no.';
    case 'string':
      if (spec.minLength !== null && value.length < spec.minLength) return `Must be at least ${spec.minLength} characters.`;
      if (spec.maxLength !== null && value.length > spec.maxLength) return `Must be at most ${spec.maxLength} characters.`;
      if (spec.pattern !== null && !new RegExp(spec.pattern).test(value)) return `Does not match the expected format (${spec.pattern}).`;
      if ((spec.format === 'uri' || spec.format === 'url') && !URL.canParse(value)) return 'Enter a full URL, e.g. https://example.com/export.csv';
      return null;
  }
}

function coerce(spec: FieldSpec, value: string): unknown {
  if (spec.kind === 'number' || spec.kind === 'integer') return Number(value);
  if (spec.kind === 'boolean') return value === 'true';
  return value;
}

// The config object to send: empty optional fields are omitted so the plugin's defaults apply.
export function collectConfig(specs: FieldSpec[], values: Record<string, string>): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const spec of specs) {
    const value = (values[spec.name] ?? '').trim();
    if (value === '') continue;
    let target = config;
    for (const key of spec.path.slice(0, -1)) {
      const next = target[key];
      target = isObject(next) ? next : (target[key] = {});
    }
    const leaf = spec.path[spec.path.length - 1];
    if (leaf !== undefined) target[leaf] = coerce(spec, value);
  }
  return config;
}

// Field values from a stored config, for editing.
export function valuesOf(specs: FieldSpec[], config: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const spec of specs) {
    let current: unknown = config;
    for (const key of spec.path) current = isObject(current) ? current[key] : undefined;
    values[spec.name] = current === undefined || current === null ? '' : String(current);
  }
  return values;
}

export function validateAll(specs: FieldSpec[], values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const spec of specs) {
    const message = validateField(spec, values[spec.name] ?? '');
    if (message) errors[spec.name] = message;
  }
  return errors;
}
