import { GatewayClient } from '../api.js';

// The gateway's own OpenAPI document is the list of what to try: every route, who may call it
// (`x-roles`, `x-public`), its path and query parameters and the JSON schema of its body.

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
}

export interface Route {
  method: string;
  /** Relative to /api, with OpenAPI placeholders: `/kpm/{id}/products/{productId}`. */
  path: string;
  roles: readonly string[] | 'public';
  pathParams: string[];
  query: { name: string; required: boolean; schema?: JsonSchema }[];
  /** The JSON body's schema, if the route takes JSON. */
  body?: JsonSchema;
  /** A non-JSON upload (CSV, image): its media types. */
  uploads?: string[];
}

interface Operation {
  'x-roles'?: string[];
  'x-public'?: boolean;
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export async function documentedRoutes(gatewayUrl: string): Promise<Route[]> {
  const docs = await new GatewayClient(gatewayUrl).request<{
    'x-default-roles': string[];
    paths: Record<string, Record<string, Operation>>;
  }>('GET', '/api/docs/openapi.json');
  const defaultRoles = docs.body['x-default-roles'];
  // Only the API: /health and /metrics serve orchestrators and Prometheus, without a session.
  const api = Object.entries(docs.body.paths).filter(([path]) => path.startsWith('/api/'));
  return api.flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      const uploads = Object.keys(content).filter((type) => type !== 'application/json');
      return {
        method: method.toUpperCase(),
        path: path.replace(/^\/api/, ''),
        roles: operation['x-public'] ? 'public' : (operation['x-roles'] ?? defaultRoles),
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema })),
        ...(content['application/json']?.schema
          ? { body: content['application/json'].schema }
          : {}),
        ...(uploads.length ? { uploads } : {}),
      };
    }),
  );
}
