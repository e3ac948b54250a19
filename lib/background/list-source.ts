import { buildIndex, type ListIndex } from '../domain/classify';
import type { ListDocument } from '../list/types';
import bundled from '../list/data/brokers.json';

// TEMPORARY: serves the bundled (unsigned) list. The signed-list work replaces this with
// verification + IndexedDB + updates behind the same `index()` call.
export function createListSource() {
  let cached: ListIndex | undefined;
  return {
    async index(): Promise<ListIndex> {
      cached ??= buildIndex(bundled as unknown as ListDocument);
      return cached;
    },
  };
}
