/**
 * Open Referral's Human Services Data Specification (HSDS) 3.0: the format the resource
 * directory is exported in and imported from, so other directories (211 lines, other Dinas,
 * NGOs' referral tools) can read Jembatan's partners and offers, and the reverse.
 *
 * The object types below restate the rules of HSDS 3.0's JSON Schemas (the `schema/*.json`
 * files of openreferral/specification, 3.0 release): each property's type, format and
 * enumeration, and each object's required properties. Descriptions, examples and the CSV
 * (tabular) metadata are left out: they do not change what validates. Like the originals,
 * objects allow properties beyond the listed ones. `hsdsJsonSchemas()` turns the table into
 * draft-07 schemas that refer to each other by file name, as the originals do.
 */

type HsdsFormat = 'uuid' | 'email' | 'uri';
type HsdsField =
  | 'string'
  | 'number'
  | HsdsFormat
  | { enum: readonly string[] }
  | { one: HsdsType }
  | { many: HsdsType };

interface HsdsObjectRules {
  required: readonly string[];
  fields: Record<string, HsdsField>;
}

export const HSDS_TYPES = [
  'organization',
  'service',
  'location',
  'address',
  'service_area',
  'service_at_location',
  'phone',
  'contact',
  'schedule',
  'attribute',
  'taxonomy_term',
  'taxonomy',
  'metadata',
  'program',
  'organization_identifier',
  'funding',
  'required_document',
  'cost_option',
  'language',
  'accessibility',
] as const;
export type HsdsType = (typeof HSDS_TYPES)[number];

const many = (type: HsdsType) => ({ many: type }) as const;
/** Most objects can carry classifications and a change history. */
const annotated = { attributes: many('attribute'), metadata: many('metadata') } as const;
const LOCATION_KINDS = { enum: ['physical', 'postal', 'virtual'] } as const;

const RULES: Record<HsdsType, HsdsObjectRules> = {
  organization: {
    required: ['id', 'name', 'description'],
    fields: {
      id: 'uuid',
      name: 'string',
      alternate_name: 'string',
      description: 'string',
      email: 'email',
      website: 'uri',
      tax_status: 'string',
      tax_id: 'string',
      year_incorporated: 'number',
      legal_status: 'string',
      logo: 'string',
      uri: 'uri',
      parent_organization_id: 'string',
      funding: many('funding'),
      contacts: many('contact'),
      phones: many('phone'),
      locations: many('location'),
      programs: many('program'),
      organization_identifiers: many('organization_identifier'),
      ...annotated,
    },
  },
  service: {
    required: ['id', 'name', 'status'],
    fields: {
      id: 'uuid',
      organization_id: 'string',
      program_id: 'string',
      name: 'string',
      alternate_name: 'string',
      description: 'string',
      url: 'uri',
      email: 'email',
      status: { enum: ['active', 'inactive', 'defunct', 'temporarily closed'] },
      interpretation_services: 'string',
      application_process: 'string',
      fees_description: 'string',
      wait_time: 'string',
      fees: 'string',
      accreditations: 'string',
      eligibility_description: 'string',
      minimum_age: 'number',
      maximum_age: 'number',
      assured_date: 'string',
      assurer_email: 'email',
      licenses: 'string',
      alert: 'string',
      phones: many('phone'),
      schedules: many('schedule'),
      service_areas: many('service_area'),
      service_at_locations: many('service_at_location'),
      languages: many('language'),
      organization: { one: 'organization' },
      funding: many('funding'),
      cost_options: many('cost_option'),
      program: { one: 'program' },
      required_documents: many('required_document'),
      contacts: many('contact'),
      ...annotated,
    },
  },
  location: {
    required: ['id', 'location_type'],
    fields: {
      id: 'uuid',
      location_type: LOCATION_KINDS,
      url: 'uri',
      organization_id: 'uuid',
      name: 'string',
      alternate_name: 'string',
      description: 'string',
      transportation: 'string',
      latitude: 'number',
      longitude: 'number',
      external_identifier: 'string',
      external_identifier_type: 'string',
      languages: many('language'),
      addresses: many('address'),
      contacts: many('contact'),
      accessibility: many('accessibility'),
      phones: many('phone'),
      schedules: many('schedule'),
      ...annotated,
    },
  },
  address: {
    required: [
      'id',
      'address_1',
      'city',
      'state_province',
      'postal_code',
      'country',
      'address_type',
    ],
    fields: {
      id: 'uuid',
      location_id: 'uuid',
      attention: 'string',
      address_1: 'string',
      address_2: 'string',
      city: 'string',
      region: 'string',
      state_province: 'string',
      postal_code: 'string',
      country: 'string',
      address_type: LOCATION_KINDS,
      ...annotated,
    },
  },
  service_area: {
    required: ['id'],
    fields: {
      id: 'uuid',
      service_id: 'uuid',
      service_at_location_id: 'uuid',
      name: 'string',
      description: 'string',
      extent: 'string',
      extent_type: 'string',
      uri: 'string',
      ...annotated,
    },
  },
  service_at_location: {
    required: ['id'],
    fields: {
      id: 'uuid',
      service_id: 'uuid',
      location_id: 'uuid',
      description: 'string',
      service_areas: many('service_area'),
      contacts: many('contact'),
      phones: many('phone'),
      schedules: many('schedule'),
      location: { one: 'location' },
      ...annotated,
    },
  },
  phone: {
    required: ['id', 'number'],
    fields: {
      id: 'uuid',
      location_id: 'string',
      service_id: 'string',
      organization_id: 'string',
      contact_id: 'string',
      service_at_location_id: 'string',
      number: 'string',
      extension: 'number',
      type: 'string',
      description: 'string',
      languages: many('language'),
      ...annotated,
    },
  },
  contact: {
    required: ['id'],
    fields: {
      id: 'uuid',
      organization_id: 'string',
      service_id: 'string',
      service_at_location_id: 'string',
      location_id: 'string',
      name: 'string',
      title: 'string',
      department: 'string',
      email: 'email',
      phones: many('phone'),
      ...annotated,
    },
  },
  schedule: {
    required: ['id'],
    fields: {
      id: 'uuid',
      service_id: 'uuid',
      location_id: 'uuid',
      service_at_location_id: 'uuid',
      valid_from: 'string',
      valid_to: 'string',
      dtstart: 'string',
      timezone: 'number',
      until: 'string',
      count: 'number',
      wkst: { enum: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] },
      freq: { enum: ['WEEKLY', 'MONTHLY'] },
      interval: 'number',
      byday: 'string',
      byweekno: 'string',
      bymonthday: 'string',
      byyearday: 'string',
      description: 'string',
      opens_at: 'string',
      closes_at: 'string',
      schedule_link: 'uri',
      attending_type: 'string',
      notes: 'string',
      ...annotated,
    },
  },
  attribute: {
    required: ['id'],
    fields: {
      id: 'uuid',
      link_id: 'uuid',
      taxonomy_term_id: 'uuid',
      link_type: 'string',
      link_entity: 'string',
      value: 'string',
      taxonomy_term: { one: 'taxonomy_term' },
      metadata: many('metadata'),
      label: 'string',
    },
  },
  taxonomy_term: {
    required: ['id', 'name', 'description'],
    fields: {
      id: 'uuid',
      code: 'string',
      name: 'string',
      description: 'string',
      parent_id: 'string',
      taxonomy: 'string',
      taxonomy_detail: { one: 'taxonomy' },
      language: 'string',
      taxonomy_id: 'string',
      term_uri: 'uri',
      metadata: many('metadata'),
    },
  },
  taxonomy: {
    required: ['id', 'name', 'description'],
    fields: {
      id: 'uuid',
      name: 'string',
      description: 'string',
      uri: 'uri',
      version: 'string',
      metadata: many('metadata'),
    },
  },
  metadata: {
    required: [
      'id',
      'last_action_date',
      'last_action_type',
      'field_name',
      'previous_value',
      'replacement_value',
      'updated_by',
    ],
    fields: {
      id: 'uuid',
      resource_id: 'uuid',
      resource_type: 'string',
      last_action_date: 'string',
      last_action_type: 'string',
      field_name: 'string',
      previous_value: 'string',
      replacement_value: 'string',
      updated_by: 'string',
    },
  },
  program: {
    required: ['id', 'name', 'description'],
    fields: {
      id: 'uuid',
      organization_id: 'uuid',
      name: 'string',
      alternate_name: 'string',
      description: 'string',
      ...annotated,
    },
  },
  organization_identifier: {
    required: ['id', 'identifier_type', 'identifier'],
    fields: {
      id: 'uuid',
      organization_id: 'string',
      identifier_scheme: 'string',
      identifier_type: 'string',
      identifier: 'string',
      ...annotated,
    },
  },
  funding: {
    required: ['id'],
    fields: {
      id: 'uuid',
      organization_id: 'uuid',
      service_id: 'uuid',
      source: 'string',
      ...annotated,
    },
  },
  required_document: {
    required: ['id'],
    fields: { id: 'uuid', service_id: 'uuid', document: 'string', uri: 'uri', ...annotated },
  },
  cost_option: {
    required: ['id'],
    fields: {
      id: 'uuid',
      service_id: 'string',
      valid_from: 'string',
      valid_to: 'string',
      option: 'string',
      currency: 'string',
      amount: 'number',
      amount_description: 'string',
      ...annotated,
    },
  },
  language: {
    required: ['id'],
    fields: {
      id: 'uuid',
      service_id: 'uuid',
      location_id: 'uuid',
      phone_id: 'uuid',
      name: 'string',
      code: 'string',
      note: 'string',
      ...annotated,
    },
  },
  accessibility: {
    required: ['id'],
    fields: {
      id: 'uuid',
      location_id: 'string',
      description: 'string',
      details: 'string',
      url: 'uri',
      ...annotated,
    },
  },
};

/** The schema's file name, by which the others refer to it. */
export const hsdsSchemaId = (type: HsdsType) => `${type}.json`;
const SCHEMA_BASE = 'https://jembatan.id/schemas/hsds/3.0/';

function propertySchema(field: HsdsField): Record<string, unknown> {
  if (field === 'string' || field === 'number') return { type: field };
  if (typeof field === 'string') return { type: 'string', format: field };
  if ('enum' in field) return { type: 'string', enum: [...field.enum] };
  if ('one' in field) return { $ref: hsdsSchemaId(field.one) };
  return { type: 'array', items: { $ref: hsdsSchemaId(field.many) } };
}

/** Draft-07 JSON Schemas of every HSDS 3.0 object type, each with its `$id`. */
export function hsdsJsonSchemas(): Record<HsdsType, Record<string, unknown>> {
  return Object.fromEntries(
    HSDS_TYPES.map((type) => [
      type,
      {
        $id: `${SCHEMA_BASE}${hsdsSchemaId(type)}`,
        type: 'object',
        properties: Object.fromEntries(
          Object.entries(RULES[type].fields).map(([name, field]) => [name, propertySchema(field)]),
        ),
        required: [...RULES[type].required],
      },
    ]),
  ) as unknown as Record<HsdsType, Record<string, unknown>>;
}

/**
 * The file Jembatan exchanges: the directory's organisations and their services side by side
 * (services name their organisation by `organization_id`, as in HSDS's tabular form), with
 * who published it and when.
 */
export function hsdsDirectorySchema(): Record<string, unknown> {
  return {
    $id: `${SCHEMA_BASE}directory.json`,
    type: 'object',
    properties: {
      hsds_version: { type: 'string', const: '3.0' },
      publisher: { type: 'string' },
      generated_at: { type: 'string', format: 'date-time' },
      organizations: { type: 'array', items: { $ref: hsdsSchemaId('organization') } },
      services: { type: 'array', items: { $ref: hsdsSchemaId('service') } },
    },
    required: ['hsds_version', 'organizations', 'services'],
  };
}

/**
 * Jembatan's own classifications, carried as HSDS attributes with taxonomy terms: what kind of
 * partner an organisation is and what kind of offer a service is. The attribute's `value`
 * holds the rest of Jembatan's structure (service area, eligibility, details) as JSON, so a
 * directory moves between Jembatan deployments without loss; other tools can ignore it.
 */
export const HSDS_TAXONOMIES = {
  partnerKind: 'https://jembatan.id/taxonomies/partner-kind',
  offerKind: 'https://jembatan.id/taxonomies/offer-kind',
} as const;

/** How a location's `external_identifier` names its village: Kemendagri's region code. */
export const HSDS_VILLAGE_IDENTIFIER = 'kode-wilayah-kemendagri';

/** The parts of HSDS objects Jembatan reads back; everything else passes through unread. */
export interface HsdsAttribute {
  id: string;
  link_id?: string;
  link_entity?: string;
  link_type?: string;
  taxonomy_term_id?: string;
  value?: string;
  taxonomy_term?: {
    id: string;
    code?: string;
    name: string;
    description: string;
    taxonomy?: string;
  };
}
export interface HsdsPhone {
  id: string;
  number: string;
  type?: string;
  contact_id?: string;
}
export interface HsdsContact {
  id: string;
  organization_id?: string;
  name?: string;
  title?: string;
  email?: string;
  phones?: HsdsPhone[];
}
export interface HsdsAddress {
  id: string;
  location_id?: string;
  address_1: string;
  address_2?: string;
  city: string;
  region?: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical' | 'postal' | 'virtual';
}
export interface HsdsLocation {
  id: string;
  location_type: 'physical' | 'postal' | 'virtual';
  organization_id?: string;
  name?: string;
  latitude?: number;
  longitude?: number;
  external_identifier?: string;
  external_identifier_type?: string;
  addresses?: HsdsAddress[];
}
export interface HsdsOrganization {
  id: string;
  name: string;
  description: string;
  email?: string;
  website?: string;
  contacts?: HsdsContact[];
  locations?: HsdsLocation[];
  attributes?: HsdsAttribute[];
}
export interface HsdsService {
  id: string;
  organization_id?: string;
  name: string;
  description?: string;
  status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  eligibility_description?: string;
  fees_description?: string;
  application_process?: string;
  schedules?: { id: string; service_id?: string; valid_from?: string; valid_to?: string }[];
  service_areas?: { id: string; service_id?: string; name?: string; uri?: string }[];
  service_at_locations?: { id: string; service_id?: string; location_id?: string }[];
  required_documents?: { id: string; service_id?: string; document?: string }[];
  cost_options?: {
    id: string;
    service_id?: string;
    amount?: number;
    currency?: string;
    amount_description?: string;
  }[];
  attributes?: HsdsAttribute[];
}
export interface HsdsDirectory {
  hsds_version: '3.0';
  publisher?: string;
  generated_at?: string;
  organizations: HsdsOrganization[];
  services: HsdsService[];
}

/** What an import did with each organisation and service of the file. */
export interface HsdsImportReport {
  organizations: { created: number; skipped: HsdsImportIssue[]; rejected: HsdsImportIssue[] };
  services: { created: number; skipped: HsdsImportIssue[]; rejected: HsdsImportIssue[] };
}
export interface HsdsImportIssue {
  /** Where in the file: e.g. `organizations.3`. */
  path: string;
  id: string;
  name: string;
  reason: string;
  fields?: { path: string; message: string }[];
}
