// Which identities of a tenant ISC marks protected (they cannot be deleted). IdentityDto does not carry the flag, so
// the ids come from list-identities `protected eq true`: read once per tenant on the first hover, again after a
// refresh of the tenant. Protected identities are few (admins, service identities); more than MAX_IDS are not read.
import { eq } from '../api/filters';
import type { TenantDirectory } from '../model/tenant';

const MAX_IDS = 1000;

interface TenantProtected {
  ids?: ReadonlySet<string>;
  loading?: Promise<void>;
  generation: number;
}

export class ProtectedIdentities {
  private readonly states = new Map<string, TenantProtected>();

  constructor(
    private readonly tenants: TenantDirectory,
    /** Called when a tenant's ids arrived (rows already drawn may now say "protected"). */
    private readonly onLoaded: (tenantId: string, ids: ReadonlySet<string>) => void,
  ) {}

  /** true / false once the tenant's ids are known; undefined before (and starts reading them). */
  isProtected(tenantId: string, identityId: string): boolean | undefined {
    const state = this.stateFor(tenantId);
    if (state.ids) return state.ids.has(identityId);
    void this.load(tenantId);
    return undefined;
  }

  /** Reads the tenant's protected ids unless known or on the way; a failure leaves them unknown (tried on next hover). */
  load(tenantId: string): Promise<void> {
    const state = this.stateFor(tenantId);
    if (state.ids) return Promise.resolve();
    if (state.loading) return state.loading;
    const generation = state.generation;
    const loading = (async () => {
      const ids = new Set<string>();
      try {
        const client = await this.tenants.getClient(tenantId);
        for await (const page of client.iterateIdentities({ filters: eq('protected', true), defaultFilter: 'NONE', count: false })) {
          for (const identity of page.items) ids.add(identity.id);
          if (ids.size >= MAX_IDS) break;
        }
      } catch {
        if (state.generation === generation) state.loading = undefined;
        return;
      }
      if (state.generation !== generation) return;
      state.ids = ids;
      state.loading = undefined;
      this.onLoaded(tenantId, ids);
    })();
    state.loading = loading;
    return loading;
  }

  /** Forgets a tenant's ids (refresh, removal). */
  reset(tenantId: string): void {
    const state = this.states.get(tenantId);
    if (!state) return;
    state.generation++;
    state.ids = undefined;
    state.loading = undefined;
  }

  private stateFor(tenantId: string): TenantProtected {
    let state = this.states.get(tenantId);
    if (!state) {
      state = { generation: 0 };
      this.states.set(tenantId, state);
    }
    return state;
  }
}
