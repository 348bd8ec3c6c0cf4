import { Ajv, type ErrorObject } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import {
  HSDS_TYPES,
  hsdsDirectorySchema,
  hsdsJsonSchemas,
  hsdsSchemaId,
  type FieldError,
  type HsdsType,
} from '@jembatan/contracts';

// ajv-formats is CommonJS with a default export; under NodeNext the function sits on `.default`.
const addFormats = addFormatsPlugin.default;

/** `/organizations/0/locations/0/id` → `organizations.0.locations.0.id`, the API's field paths. */
function fieldErrorOf(error: ErrorObject): FieldError {
  const path = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  const message =
    error.keyword === 'required'
      ? 'is required'
      : error.keyword === 'enum'
        ? `must be one of ${(error.params.allowedValues as string[]).join(', ')}`
        : (error.message ?? 'is invalid');
  return { path: path.join('.') || '(file)', message };
}

export type HsdsValidation = (document: unknown) => FieldError[];

/**
 * Validators for HSDS 3.0 documents: the whole directory file, or one object of a type. Every
 * schema is compiled once; each call lists every problem (up to `maxErrors`) as field errors.
 */
export function createHsdsValidator(maxErrors = 50) {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv, ['uuid', 'email', 'uri', 'date-time']);
  const schemas = hsdsJsonSchemas();
  for (const type of HSDS_TYPES) ajv.addSchema(schemas[type], hsdsSchemaId(type));
  const run =
    (validate: ReturnType<Ajv['compile']>): HsdsValidation =>
    (document) =>
      validate(document) ? [] : (validate.errors ?? []).slice(0, maxErrors).map(fieldErrorOf);
  const directory = run(ajv.compile(hsdsDirectorySchema()));
  const byType = new Map<HsdsType, HsdsValidation>(
    HSDS_TYPES.map((type) => [type, run(ajv.getSchema(hsdsSchemaId(type))!)]),
  );
  return {
    directory,
    object: (type: HsdsType, value: unknown) => byType.get(type)!(value),
  };
}
export type HsdsValidator = ReturnType<typeof createHsdsValidator>;
