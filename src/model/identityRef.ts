// References that travel between tree, panels and commands. No `vscode` import.

/** Which identity of which tenant; what every identity command and panel takes. */
export interface IdentityRef {
  tenantId: string;
  identityId: string;
  name: string;
}

export function isIdentityRef(value: unknown): value is IdentityRef {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.tenantId === 'string' && typeof v.identityId === 'string' && typeof v.name === 'string';
}

/** Anything that can stand for an identity: a ref itself or a tree node carrying one. */
export interface HasIdentityRef {
  readonly identityRef: IdentityRef;
}

/** Turns command arguments (a ref, a node, the multi-selection array VS Code passes second) into distinct refs. */
export function identityRefsFromArgs(primary: unknown, selection?: unknown): IdentityRef[] {
  const candidates = Array.isArray(selection) && selection.length > 0 ? selection : [primary];
  const refs: IdentityRef[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const ref = isIdentityRef(candidate)
      ? candidate
      : candidate && typeof candidate === 'object' && isIdentityRef((candidate as Partial<HasIdentityRef>).identityRef)
        ? (candidate as HasIdentityRef).identityRef
        : undefined;
    if (ref && !seen.has(`${ref.tenantId}/${ref.identityId}`)) {
      seen.add(`${ref.tenantId}/${ref.identityId}`);
      refs.push(ref);
    }
  }
  return refs;
}
