// Normalises get-identity-ownership-details. The documented schema and the live response differ (api-specs#39):
//   nested: { associationDetails: [ { associationType, entities: [ { identityEntity: { id, name, type } } ] } ] }
//   flat:   { associationDetails: { associationType, entities: [ { id, name, type } ] } }      (upstream example)
//           { associationDetails: [ { associationType, entities: [ { id, name, type } ] } ] }
//           { associationDetails: [ { id, name, type, associationType? } ] }                   (entries are entities)
// Anything else yields shape 'unknown' with no groups, never an exception.
import type { OwnedObject, OwnershipDetails } from './types';

type Shape = OwnershipDetails['shape'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

interface EntityResult {
  object?: Omit<OwnedObject, 'associationType'>;
  shape?: 'nested' | 'flat';
}

function parseEntity(entity: unknown): EntityResult {
  if (!isObject(entity)) return {};
  if (isObject(entity.identityEntity)) {
    const inner = entity.identityEntity;
    const id = str(inner.id);
    if (id === undefined) return {};
    return { shape: 'nested', object: { id, name: str(inner.name) ?? id, type: str(inner.type) ?? 'UNKNOWN' } };
  }
  const id = str(entity.id);
  if (id === undefined) return {};
  return { shape: 'flat', object: { id, name: str(entity.name) ?? id, type: str(entity.type) ?? 'UNKNOWN' } };
}

export function parseOwnershipDetails(raw: unknown): OwnershipDetails {
  try {
    return parse(raw);
  } catch {
    return { groups: [], shape: 'unknown', raw };
  }
}

function parse(raw: unknown): OwnershipDetails {
  if (raw === undefined || raw === null || raw === '') return { groups: [], shape: 'empty', raw };
  if (!isObject(raw)) return { groups: [], shape: 'unknown', raw };
  const details = raw.associationDetails;
  if (details === undefined || details === null) {
    return { groups: [], shape: Object.keys(raw).length === 0 ? 'empty' : 'unknown', raw };
  }
  const entries: unknown[] = Array.isArray(details) ? details : [details];
  if (entries.length === 0) return { groups: [], shape: 'empty', raw };

  const groups = new Map<string, OwnedObject[]>();
  let nested = 0;
  let flat = 0;
  let unrecognised = 0;
  let entityCount = 0;
  const add = (associationType: string, object: Omit<OwnedObject, 'associationType'>): void => {
    let list = groups.get(associationType);
    if (!list) groups.set(associationType, (list = []));
    list.push({ associationType, ...object });
  };

  for (const entry of entries) {
    if (!isObject(entry)) {
      unrecognised++;
      continue;
    }
    const associationType = str(entry.associationType);
    if (Array.isArray(entry.entities) || isObject(entry.entities)) {
      const entities = Array.isArray(entry.entities) ? entry.entities : [entry.entities];
      for (const entity of entities) {
        entityCount++;
        const result = parseEntity(entity);
        if (!result.object) {
          unrecognised++;
          continue;
        }
        if (result.shape === 'nested') nested++;
        else flat++;
        add(associationType ?? 'UNKNOWN', result.object);
      }
      continue;
    }
    // An entry that is an entity itself.
    const result = parseEntity(entry);
    if (result.object) {
      entityCount++;
      if (result.shape === 'nested') nested++;
      else flat++;
      add(associationType ?? 'UNKNOWN', result.object);
    } else if (associationType === undefined) {
      unrecognised++;
    }
  }

  let shape: Shape;
  if (nested + flat === 0) shape = unrecognised === 0 && entityCount === 0 ? 'empty' : 'unknown';
  else shape = nested >= flat ? 'nested' : 'flat';
  if (shape === 'unknown') return { groups: [], shape, raw };
  return {
    groups: [...groups.entries()].map(([associationType, entities]) => ({ associationType, entities })),
    shape,
    raw,
  };
}
